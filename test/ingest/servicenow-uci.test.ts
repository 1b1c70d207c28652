import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportSummary } from '../../src/ingest/import-runner.js';
import { readSourceText } from '../../src/ingest/importers/csv-rows.js';
import { convertServiceNowCsv } from '../../src/ingest/importers/servicenow-csv.js';
import type { Ctx } from '../../src/services/context.js';
import type { Store } from '../../src/services/runtime.js';
import {
  rowOf,
  storedItems,
  tempStore,
  tenantCtx,
  UCI_LOG,
  UCI_SAMPLE,
  utc,
  type ItemRow,
} from './import-fixtures.js';

async function importFile(ctx: Ctx, path: string): Promise<ImportSummary & { items: number }> {
  const converted = convertServiceNowCsv(await readSourceText(path), { file: path });
  return { ...(await runImport(ctx, converted)), items: converted.records.length };
}

describe('ServiceNow: the UCI incident event log (one row per update)', () => {
  let store: Store;
  let full: Ctx;
  let first: ImportSummary & { items: number };
  let rows: Map<string, ItemRow>;

  beforeAll(async () => {
    ({ store } = await tempStore());
    full = await tenantCtx(store);
    first = await importFile(full, UCI_LOG); // its speed is measured by bench/import-bench.ts
    rows = await storedItems(full, 'servicenow');
  });
  afterAll(() => store.close());

  it('reduces 141,712 rows to 24,918 incidents and rejects none', () => {
    expect(first).toMatchObject({ read: 141_712, items: 24_918, created: 24_918, updated: 0, unchanged: 0 });
    expect(first.rejected).toEqual([]);
    expect(rows.size).toBe(24_918);
    // Every incident's latest row is Closed in this log.
    expect([...rows.values()].every((r) => r.outcome === 'resolved' && r.handled_by === 'human')).toBe(true);
  });

  it('takes each incident from its latest row, field by field as in the file', () => {
    // Lines 2-5; line 5 (sys_mod_count 4): Closed,false,0,0,4,true,…,29/2/2016 01:16,…,Updated 5/3/2016 12:00,
    // Phone,…,Category 55,…,3 - Moderate,…,resolved_at 29/2/2016 11:29, closed_at 5/3/2016 12:00.
    expect(rowOf(rows, 'INC0000045')).toMatchObject({
      workflow: 'it-helpdesk',
      category: 'Category 55',
      priority: 3,
      channel: 'Phone',
      opened_at: utc('2016-02-29 01:16'),
      first_response_at: null,
      resolved_at: utc('2016-02-29 11:29'),
      closed_at: utc('2016-03-05 12:00'),
      updated_at: utc('2016-03-05 12:00'),
      reassignment_count: 0,
      reopen_count: 0,
      sla_met: 1,
    });
    // Lines 203-221; line 221 (sys_mod_count 19): Closed,false,4,1,19,false,…,29/2/2016 09:06,…,
    // 24/3/2016 18:59,Phone,Location 46,Category 37,Subcategory 135,Symptom 87,?,2 - Medium,2 - Medium,
    // 3 - Moderate,Group 23,Resolver 31,true,false,…,code 4,Resolved by 30,17/3/2016 16:28,24/3/2016 18:59
    const reopened = rowOf(rows, 'INC0000102');
    expect(reopened).toMatchObject({
      category: 'Category 37',
      priority: 3,
      opened_at: utc('2016-02-29 09:06'),
      resolved_at: utc('2016-03-17 16:28'),
      closed_at: utc('2016-03-24 18:59'),
      updated_at: utc('2016-03-24 18:59'),
      reassignment_count: 4,
      reopen_count: 1,
      sla_met: 0,
      outcome: 'resolved',
    });
    expect(JSON.parse(reopened.attributes ?? '{}')).toEqual({
      state: 'Closed',
      subcategory: 'Subcategory 135',
      symptom: 'Symptom 87',
      impact: '2 - Medium',
      urgency: '2 - Medium',
      assignment_group: 'Group 23',
      assigned_to: 'Resolver 31',
      resolved_by: 'Resolved by 30',
      close_code: 'code 4',
      location: 'Location 46',
      active: false,
      knowledge: true,
      priority_confirmation: false,
      sys_mod_count: 19,
    });
  });

  it('resolves a closed incident without resolved_at at closed_at', () => {
    // Line 176: INC0000093,Closed,false,0,0,1,true,…,29/2/2016 08:56,?,?,…,resolved_at ?,closed_at 5/3/2016 10:00
    const row = rowOf(rows, 'INC0000093');
    expect(row).toMatchObject({
      opened_at: utc('2016-02-29 08:56'),
      resolved_at: utc('2016-03-05 10:00'),
      closed_at: utc('2016-03-05 10:00'),
      outcome: 'resolved',
    });
    expect(JSON.parse(row.attributes ?? '{}')).toMatchObject({ resolved_at_from: 'closed_at' });
  });

  it('breaks a repeated sys_mod_count by the later sys_updated_at, and reads past -100 states', () => {
    // INC0000135 has sys_mod_count 7 twice: line 351 (Active, 29/2/2016 09:27) and line 358 (Closed, 5/3/2016 17:00).
    expect(rowOf(rows, 'INC0000135')).toMatchObject({
      opened_at: utc('2016-02-29 09:45'),
      resolved_at: utc('2016-02-29 16:17'),
      closed_at: utc('2016-03-05 17:00'),
      outcome: 'resolved',
    });
    // INC0030413: -100 at sys_mod_count 14, 15, 20; the latest row (line 124513, count 22) is Closed,false,1,0,22,false.
    expect(rowOf(rows, 'INC0030413')).toMatchObject({
      opened_at: utc('2016-05-17 14:42'),
      resolved_at: utc('2016-06-21 17:28'),
      closed_at: utc('2016-06-26 18:00'),
      reassignment_count: 1,
      reopen_count: 0,
      sla_met: 0,
    });
  });

  it('changes nothing when the same log is imported again', async () => {
    const again = await importFile(full, UCI_LOG);
    expect(again).toMatchObject({ read: 141_712, created: 0, updated: 0, unchanged: 24_918, rejected: [] });
    const after = await storedItems(full, 'servicenow');
    for (const id of ['INC0000045', 'INC0000102', 'INC0030413'])
      expect(rowOf(after, id)).toEqual(rowOf(rows, id));
  });

  it('gives the same items from the spreadsheet re-save (dd-mm-yyyy, TRUE/FALSE, CRLF)', async () => {
    const sampleCtx = await tenantCtx(store);
    const sample = await importFile(sampleCtx, UCI_SAMPLE);
    expect(sample).toMatchObject({ read: 5_998, items: 890, created: 890, rejected: [] });
    const sampleRows = await storedItems(sampleCtx, 'servicenow');
    expect(sampleRows.size).toBe(890);
    const comparable = ({ tenant_id: _t, ingested_at: _i, ...rest }: ItemRow) => rest;
    for (const [id, row] of sampleRows) expect(comparable(row), id).toEqual(comparable(rowOf(rows, id)));
    // Into the tenant that holds the full log, the same 890 incidents are unchanged.
    expect(await importFile(full, UCI_SAMPLE)).toMatchObject({ created: 0, updated: 0, unchanged: 890 });
  });
});
