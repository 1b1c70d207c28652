import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertGenericCsv, parseCsvMapping } from '../../src/ingest/importers/generic-csv.js';
import type { Store } from '../../src/services/runtime.js';
import { rowOf, runCli, storedItems, tempStore, tenantCtx, utc } from './import-fixtures.js';

const HELPDESK_CSV = [
  'Ticket;Created;Solved;Closed;Prio;Status;Team changes;Channel;Customer',
  'T-1;29/02/2016 08:15;29/02/2016 10:00;01/03/2016 09:00;P2 - High;Done;1;Mail;ACME',
  'T-2;01/03/2016 09:30;;;P3;In progress;0;Phone;',
  'T-3;31/02/2016 09:30;;;P3;Open;0;Phone;Gamma',
  'T-4;01/03/2016 09:30;;;P3;Open;x;Phone;Gamma',
  'T-5;01/03/2016 09:30;;;P3;Shelved;0;Phone;Delta',
  '',
].join('\n');

const MAPPING = {
  source: 'helpdesk',
  delimiter: ';',
  columns: {
    external_id: 'Ticket',
    opened_at: 'Created',
    resolved_at: 'Solved',
    closed_at: 'Closed',
    priority: 'Prio',
    outcome: 'Status',
    reassignment_count: 'Team changes',
    channel: 'Channel',
  },
  date_format: 'dd/MM/yyyy HH:mm',
  values: {
    outcome: { Done: 'resolved', 'In progress': 'open', Open: 'open' },
    priority: { 'P2 - High': 2, P3: 3 },
    channel: { Mail: 'email' },
  },
  defaults: { category: 'general' },
  attributes: { customer: 'Customer' },
};

describe('generic CSV with a mapping file', () => {
  let store: Store;
  let dir: string;
  let db: string;
  beforeAll(async () => ({ store, dir, path: db } = await tempStore()));
  afterAll(() => store.close());

  it('maps columns, dates, values and defaults; rejects unreadable rows; a second import changes nothing', async () => {
    const ctx = await tenantCtx(store);
    const csv = join(dir, 'helpdesk.csv.gz');
    const mapping = join(dir, 'helpdesk.mapping.json');
    writeFileSync(csv, gzipSync(HELPDESK_CSV));
    writeFileSync(mapping, JSON.stringify(MAPPING));
    const args = [
      'import',
      'csv',
      csv,
      '--mapping',
      mapping,
      '--workflow',
      'desk',
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    ];
    const first = await runCli(dir, ...args);
    expect(first.err).toBe('');
    const summary = JSON.parse(first.out) as {
      rejections: { line: number; field?: string; reason: string }[];
    };
    expect(summary).toMatchObject({ read: 5, items: 3, created: 2, rejected: 3 });
    expect(summary.rejections.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '4: opened_at: not a date in the mapping\'s date_format: "31/02/2016 09:30"',
      '5: reassignment_count: not a whole number: "x"',
      '6: Invalid option: expected one of "resolved"|"escalated"|"failed"|"abandoned"|"open"',
    ]);
    const rows = await storedItems(ctx, 'helpdesk');
    expect(rowOf(rows, 'T-1')).toMatchObject({
      workflow: 'desk',
      category: 'general',
      priority: 2,
      channel: 'email',
      opened_at: utc('2016-02-29 08:15'),
      resolved_at: utc('2016-02-29 10:00'),
      closed_at: utc('2016-03-01 09:00'),
      reassignment_count: 1,
      handled_by: 'human',
      outcome: 'resolved',
      attributes: '{"customer":"ACME"}',
    });
    expect(rowOf(rows, 'T-2')).toMatchObject({
      outcome: 'open',
      priority: 3,
      resolved_at: null,
      attributes: '{}',
    });
    const second = JSON.parse((await runCli(dir, ...args)).out) as Record<string, unknown>;
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 3 });
  });

  it('reads iso, epoch and 12-hour patterns', () => {
    const text = 'id,at\nA,2016-03-01T10:00:00Z\n';
    const base = { source: 's', columns: { external_id: 'id', opened_at: 'at' } };
    expect(convertGenericCsv(text, parseCsvMapping(base)).records[0]?.item.opened_at).toBe(
      '2016-03-01T10:00:00Z',
    );
    const epoch = parseCsvMapping({ ...base, date_format: 'epoch_s' });
    expect(convertGenericCsv('id,at\nA,1456826400\n', epoch).records[0]?.item.opened_at).toBe(
      '2016-03-01T10:00:00.000Z',
    );
    const us = parseCsvMapping({ ...base, date_format: 'M/d/yyyy h:mm a' });
    expect(
      convertGenericCsv('id,at\nA,3/1/2016 12:05 AM\nB,3/1/2016 1:05 PM\n', us).records.map(
        (r) => r.item.opened_at,
      ),
    ).toEqual(['2016-03-01T00:05:00', '2016-03-01T13:05:00']);
  });

  it('names the mapping field at fault', async () => {
    const bad = (mapping: unknown) => () => parseCsvMapping(mapping);
    expect(bad({ source: 's', columns: { opened_at: 'a' } })).toThrow(
      'mapping columns.external_id: required: the CSV column that holds it',
    );
    expect(bad({ source: 's', columns: { external_id: 'a', opened_at: 'b', colour: 'c' } })).toThrow(
      'mapping columns.colour: not an item field (one of external_id, workflow,',
    );
    expect(bad({ source: 's', columns: { external_id: 'a', opened_at: 'b' }, date_format: 'dd/MM' })).toThrow(
      'mapping date_format: iso, epoch_s, epoch_ms, or a pattern with yyyy',
    );
    expect(bad({ columns: { external_id: 'a', opened_at: 'b' } })).toThrow('mapping source: ');
    expect(bad({ source: 's', columns: { external_id: 'a', opened_at: 'b' }, colour: 1 })).toThrow(
      'mapping colour: unknown field(s) colour',
    );
    expect(() =>
      convertGenericCsv(
        'id,when\n',
        parseCsvMapping({ source: 's', columns: { external_id: 'id', opened_at: 'at' } }),
        { file: 'f.csv' },
      ),
    ).toThrow('mapping columns.opened_at: no column "at" in f.csv (its columns: id, when)');
    const mapping = join(dir, 'broken.json');
    writeFileSync(mapping, '{ "source": ');
    const result = await runCli(dir, 'import', 'csv', 'whatever.csv', '--mapping', mapping, '--db', db);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^workledger: --mapping: .*broken\.json is not valid JSON/);
    const missing = await runCli(dir, 'import', 'csv', 'whatever.csv', '--db', db);
    expect(missing).toMatchObject({
      code: 2,
      err: 'workledger: --mapping: required with csv, and only with csv\n',
    });
  });
});
