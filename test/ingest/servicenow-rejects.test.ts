import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/services/runtime.js';
import { runCli, storedItems, tempStore, tenantCtx } from './import-fixtures.js';

// Line numbers as an editor shows them; line 3's quoted description spans lines 3-4.
const BAD_CSV = [
  'number,incident_state,sys_mod_count,opened_at,sys_updated_on,closed_at,priority,made_sla,short_description',
  'INC1,New,0,1/3/2016 10:00,1/3/2016 10:00,?,3 - Moderate,true,fine',
  'INC2,Closed,1,1/3/2016 10:00,2/3/2016 10:00,2/3/2016 10:00,2 - High,false,"two',
  'lines"',
  ',New,0,1/3/2016 10:00,1/3/2016 10:00,?,3,true,no number',
  'INC3,New,x,1/3/2016 10:00,1/3/2016 10:00,?,3,true,bad count',
  'INC4,New,0,31/2/2016 10:00,1/3/2016 10:00,?,3,true,no such day',
  'INC5,"New"x,0,1/3/2016 10:00,1/3/2016 10:00,?,3,true,text after a quote',
  'INC6,New,0,1/3/2016 10:00',
  'INC7,New,0,1/3/2016 10:00,1/3/2016 10:00,?,Urgent,true,unreadable priority',
  'INC8,Closed,2,5/3/2016 10:00,5/3/2016 10:00,4/3/2016 10:00,3,true,closed before opened',
  'INC9,New,0,1/3/2016 10:00,1/3/2016 10:00,?,3,maybe,bad boolean',
  'INC10,-100,0,1/3/2016 10:00,1/3/2016 10:00,?,?,true,unknown state',
  '',
].join('\r\n');

describe('ServiceNow: rows that cannot be read', () => {
  let store: Store;
  let dir: string;
  let db: string;
  beforeAll(async () => ({ store, dir, path: db } = await tempStore()));
  afterAll(() => store.close());

  it('are reported with file, line and reason while the rest is imported', async () => {
    const ctx = await tenantCtx(store);
    const file = join(dir, 'bad.csv');
    writeFileSync(file, BAD_CSV);
    const result = await runCli(
      dir,
      'import',
      'servicenow',
      file,
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out) as {
      rejected: number;
      rejections: { line: number; reason: string }[];
    };
    // 11 data rows: 2 unreadable as CSV, 2 without an order key, 2 with a bad field, 2 refused by the core.
    expect(summary).toMatchObject({ read: 11, items: 5, created: 3, updated: 0, unchanged: 0, rejected: 8 });
    expect(summary.rejections.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '5: number: is empty',
      '6: sys_mod_count: not a whole number: "x"',
      '7: opened_at: not a date and time: "31/2/2016 10:00"',
      '8: unexpected text after the closing quote of field 2',
      '9: has 4 fields; the header has 9',
      '10: must be 1..5 or a label starting with 1..5',
      '11: is before opened_at',
      '12: made_sla: not a boolean: "maybe"',
    ]);
    const text = await runCli(dir, 'import', 'servicenow', file, '--db', db, '--tenant', ctx.tenantId);
    expect(text.out).toContain(`    ${file}:10: priority: must be 1..5 or a label starting with 1..5\n`);
    expect(text.out).toContain(`    ${file}:5: number: is empty\n`);
    expect(text.out).toMatch(/unchanged {2}3\n {2}rejected {3}8\n/);
    const rows = await storedItems(ctx, 'servicenow');
    expect([...rows.keys()].sort()).toEqual(['INC1', 'INC10', 'INC2']);
    expect(rows.get('INC2')?.outcome).toBe('resolved');
    expect(JSON.parse(rows.get('INC2')?.attributes ?? '{}')).toMatchObject({
      short_description: 'two\r\nlines',
    });
    expect(rows.get('INC10')).toMatchObject({ outcome: 'open', priority: null });
  });
});
