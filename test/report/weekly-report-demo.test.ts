import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatKpiValue } from '../../src/cli/format-kpi.js';
import { KPI_NAMES, type KpiName } from '../../src/domain/kpis/kpi-value.js';
import { buildWeeklyReport } from '../../src/services/report/report-build.js';
import { get, NOW, saveArtifact, useDemoTenant } from './demo-fixture.js';

const Kpi = z.object({
  value: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  n: z.number(),
  low_n: z.literal(true).optional(),
  reason: z.string().optional(),
});
const Figure = z.object({
  kpi: z.enum(KPI_NAMES),
  label: z.string(),
  current: Kpi,
  previous: Kpi,
  shown: z.string(),
});
const Report = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  as_of: z.string(),
  provisional: z.boolean(),
  settles_at: z.string(),
  comparison_basis: z.enum(['settled', 'equal_maturity']),
  previous: z.object({ week: z.string(), from: z.string(), to: z.string(), as_of: z.string() }),
  tenant: z.object({ currency: z.string() }),
  headline: z.array(Figure),
  agents: z.array(
    z.object({
      agent: z.string(),
      action: z.enum(['expand', 'restrict', 'hold', 'none']),
      figures: z.array(Figure),
    }),
  ),
  risks: z.array(z.object({ kind: z.string(), message: z.string() })),
});
const KpiAnswer = z.object({
  groups: z.array(z.object({ key: z.record(z.string(), z.unknown()), kpis: z.record(z.string(), Kpi) })),
});

/** What a reader sees for a KPI, formatted by the CLI's own formatter from the API's value. */
function shown(name: KpiName, kpi: z.infer<typeof Kpi>, currency: string): string {
  if (kpi.value === null) return `unavailable (${kpi.reason ?? 'not computed'})`;
  if (kpi.low_n) return `insufficient data (n = ${kpi.n})`;
  return formatKpiValue(name, kpi.value, currency);
}

describe('the weekly report of the demo tenant', () => {
  const demo = useDemoTenant();

  async function fetchReport(query: string, key = demo().keys.viewer): Promise<Response> {
    return get(demo().app, `/v1/reports/weekly?${query}`, key);
  }

  async function kpis(query: string) {
    const res = await get(demo().app, `/v1/kpis?${query}`, demo().keys.viewer);
    expect(res.status).toBe(200);
    return KpiAnswer.parse(await res.json()).groups;
  }

  it('JSON: every figure equals GET /v1/kpis for the same windows (a provisional week beside last week at equal maturity)', async () => {
    const res = await fetchReport('week=2026-W47&format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await res.text();
    saveArtifact('weekly-2026-W47.json', text);
    const report = Report.parse(JSON.parse(text));
    expect(report).toMatchObject({
      week: '2026-W47',
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
      as_of: new Date(NOW).toISOString(),
      // on Wednesday 25 November week 47 ended two days ago: it settles on the 30th, so it is provisional
      // and last week is read as it stood two days after its own end
      provisional: true,
      settles_at: '2026-11-30T00:00:00.000Z',
      comparison_basis: 'equal_maturity',
      previous: { week: '2026-W46', from: '2026-11-09T00:00:00.000Z', as_of: '2026-11-18T00:00:00.000Z' },
    });
    expect(report.agents.every((a) => a.action === 'none')).toBe(true);
    const [current] = await kpis(`from=${report.from}&to=${report.to}`);
    const [previous] = await kpis(
      `from=${report.previous.from}&to=${report.previous.to}&as_of=${report.previous.as_of}`,
    );
    expect(report.headline.length).toBeGreaterThan(10);
    for (const figure of report.headline) {
      expect(figure.current, figure.kpi).toEqual(current?.kpis[figure.kpi]);
      expect(figure.previous, figure.kpi).toEqual(previous?.kpis[figure.kpi]);
    }
    const byAgent = await kpis(`from=${report.from}&to=${report.to}&group_by=agent`);
    const byAgentBefore = await kpis(
      `from=${report.previous.from}&to=${report.previous.to}&as_of=${report.previous.as_of}&group_by=agent`,
    );
    expect(report.agents.map((a) => a.agent)).toEqual(byAgent.map((g) => g.key.agent));
    for (const agent of report.agents) {
      const now = byAgent.find((g) => g.key.agent === agent.agent);
      const before = byAgentBefore.find((g) => g.key.agent === agent.agent);
      for (const figure of agent.figures) {
        expect(figure.current, `${agent.agent} ${figure.kpi}`).toEqual(now?.kpis[figure.kpi]);
        expect(figure.previous, `${agent.agent} ${figure.kpi}`).toEqual(before?.kpis[figure.kpi]);
      }
    }
  });

  it('the service and the route answer the same report', async () => {
    const direct = await buildWeeklyReport({ ctx: demo().ctx, input: { week: '2026-W47' } });
    const res = await fetchReport('week=2026-W47');
    expect(JSON.parse(JSON.stringify(direct))).toEqual(await res.json());
  });

  it('Markdown: each headline row shows the API value as the CLI formats it', async () => {
    const res = await fetchReport('week=2026-W47&format=md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = await res.text();
    saveArtifact('weekly-2026-W47.md', md);
    expect(md).toMatch(/^# Weekly report — Demo Co — 2026-W47\n/);
    const [current] = await kpis('from=2026-11-16&to=2026-11-23');
    const report = Report.parse(await (await fetchReport('week=2026-W47')).json());
    for (const figure of report.headline) {
      const api = current?.kpis[figure.kpi];
      if (!api) throw new Error(`no ${figure.kpi} in the API answer`);
      expect(md).toContain(
        `| ${figure.label} | ${shown(figure.kpi, api, report.tenant.currency).replace(/\|/g, '\\|')} |`,
      );
    }
    for (const section of [
      '## What went better',
      '## What went worse',
      '## Agents',
      '## Open risks',
      '## Benchmarks',
    ])
      expect(md).toContain(section);
  });

  it('HTML: one page with inline CSS and two inline SVG charts, no scripts, the API values on the cards', async () => {
    const res = await fetchReport('week=2026-W47&format=html');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    saveArtifact('weekly-2026-W47.html', html);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html.match(/<svg[\s>]/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|<link|src="http/i);
    const [current] = await kpis('from=2026-11-16&to=2026-11-23');
    for (const name of ['containment_rate', 'error_rate', 'items_handled', 'cost_per_output'] as const) {
      const api = current?.kpis[name];
      if (!api) throw new Error(`no ${name}`);
      const card = new RegExp(
        `data-kpi="${name}">\\s*<div class="label">[^<]*</div>\\s*<div class="value">([^<]*)</div>`,
      ).exec(html);
      expect(card?.[1], name).toBe(shown(name, api, 'USD'));
    }
  });

  it('PDF: printed by headless Chromium, a real PDF with pages and the report text', async () => {
    const res = await fetchReport('week=2026-W47&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    saveArtifact('weekly-2026-W47.pdf', pdf);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // .ci/run installs poppler-utils, so in CI the PDF's text is always read back.
    if (process.env.CI || existsSync('/usr/bin/pdftotext')) {
      const extracted = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
      expect(extracted).toContain('Weekly report — Demo Co — 2026-W47');
      const [current] = await kpis('from=2026-11-16&to=2026-11-23');
      const containment = current?.kpis.containment_rate?.value ?? null;
      expect(extracted).toContain(formatKpiValue('containment_rate', containment, 'USD'));
    }
  });

  it('defaults to the most recent settled week, compared with the week before as they stand, and JSON', async () => {
    const report = Report.parse(await (await fetchReport('')).json());
    // week 47 settles on 30 November; week 46 (9–16 November) settled on the 23rd
    expect(report).toMatchObject({
      week: '2026-W46',
      provisional: false,
      settles_at: '2026-11-23T00:00:00.000Z',
      comparison_basis: 'settled',
      previous: { week: '2026-W45', as_of: new Date(NOW).toISOString() },
    });
    expect(report.agents.some((a) => a.action !== 'none')).toBe(true);
  });

  it('answers the error paths: bad week, future week, bad format, unknown parameter, wrong role, no key', async () => {
    const error = async (res: Response) => ({ status: res.status, body: (await res.json()) as unknown });
    expect(await error(await fetchReport('week=2026-W54'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', field: 'week' } },
    });
    expect(await error(await fetchReport('week=2026-W49'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: 'week: 2026-W49 has not started yet' } },
    });
    expect(await error(await fetchReport('format=docx'))).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', field: 'format' } },
    });
    expect(await error(await fetchReport('weeks=2026-W47'))).toMatchObject({
      status: 400,
      body: { error: { field: 'weeks' } },
    });
    expect((await fetchReport('week=2026-W47', demo().keys.ingest)).status).toBe(403);
    expect((await get(demo().app, '/v1/reports/weekly', null)).status).toBe(401);
  });
});
