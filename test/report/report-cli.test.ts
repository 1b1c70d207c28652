import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cliRunner } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'workledger-report-cli-'));
const db = join(dir, 'report.db');

const run = cliRunner(dir);

const Figure = z.object({ kpi: z.string(), current: z.unknown() });
const Report = z.object({ week: z.string(), from: z.string(), to: z.string(), headline: z.array(Figure) });
const Kpis = z.object({ groups: z.array(z.object({ kpis: z.record(z.string(), z.unknown()) })) });

describe('workledger report', () => {
  let tenant: string;
  beforeAll(async () => {
    const demo = await run('demo', '--db', db, '--no-serve', '--scale', '0.1', '--json');
    expect(demo.code).toBe(0);
    tenant = z.object({ tenant: z.string() }).parse(JSON.parse(demo.out)).tenant;
  });

  it('weekly: Markdown to stdout by default, for the last complete week', async () => {
    const md = await run('report', 'weekly', '--db', db, '--tenant', tenant);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Weekly report — Demo Co — \d{4}-W\d{2}\n/);
    expect(md.out).toContain('## Open risks');
  });

  it('weekly --format json: the figures equal `workledger kpis --json` for the same window', async () => {
    const json = await run('report', 'weekly', '--db', db, '--tenant', tenant, '--format', 'json');
    expect(json.code).toBe(0);
    const report = Report.parse(JSON.parse(json.out));
    const kpis = await run(
      'kpis',
      '--db',
      db,
      '--tenant',
      tenant,
      '--from',
      report.from,
      '--to',
      report.to,
      '--json',
    );
    const [group] = Kpis.parse(JSON.parse(kpis.out)).groups;
    for (const figure of report.headline) expect(figure.current, figure.kpi).toEqual(group?.kpis[figure.kpi]);
  });

  it('weekly --format pdf|html --out writes the file; pdf without --out is refused', async () => {
    const out = join(dir, 'weekly.pdf');
    const pdf = await run(
      'report',
      'weekly',
      '--db',
      db,
      '--tenant',
      tenant,
      '--format',
      'pdf',
      '--out',
      out,
    );
    expect(pdf.code).toBe(0);
    expect(pdf.err).toMatch(/^wrote .*weekly\.pdf \(\d+ bytes\)/);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = join(dir, 'weekly.html');
    expect(
      (await run('report', 'weekly', '--db', db, '--tenant', tenant, '--format', 'html', '--out', html)).code,
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    const refused = await run('report', 'weekly', '--db', db, '--tenant', tenant, '--format', 'pdf');
    expect(refused).toMatchObject({ code: 2, err: 'workledger: --format pdf needs --out <file>\n' });
    expect((await run('report', 'weekly', '--db', db, '--tenant', tenant, '--format', 'docx')).code).toBe(2);
    expect((await run('report', 'weekly', '--db', db, '--tenant', tenant, '--week', '2026-W60')).err).toBe(
      'workledger: week: not an ISO week like 2026-W47: 2026-W60\n',
    );
  });

  it('deliveries set / show / log, and the job from the command line', async () => {
    const set = await run(
      'report',
      'deliveries',
      'set',
      '--db',
      db,
      '--tenant',
      tenant,
      '--webhook',
      'https://hooks.example.com/a',
      '--secret',
      'a-secret-of-sixteen-plus',
      '--email',
      'coo@example.com',
    );
    expect(set.code).toBe(0);
    const shown = await run('report', 'deliveries', 'show', '--db', db, '--tenant', tenant);
    expect(JSON.parse(shown.out)).toMatchObject({
      webhooks: [{ url: 'https://hooks.example.com/a', signed: true }],
      emails: ['coo@example.com'],
    });
    expect(shown.out).not.toContain('a-secret-of-sixteen-plus');
    const job = await run('jobs', 'run', 'weekly-report', '--db', db, '--tenant', tenant, '--json');
    expect(job.code).toBe(0);
    expect(JSON.parse(job.out)).toMatchObject({ runs: [{ job: 'weekly-report', result: { queued: 2 } }] });
    const log = await run('report', 'deliveries', 'log', '--db', db, '--tenant', tenant);
    expect(log.out).toMatch(/webhook +https:\/\/hooks\.example\.com\/a +pending +0/);
    expect(log.out).toMatch(/email +coo@example\.com +pending +0/);
  });
});
