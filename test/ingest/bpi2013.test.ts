import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/import-runner.js';
import { convertBpi2013Csv } from '../../src/ingest/importers/bpi2013.js';
import { readSourceText } from '../../src/ingest/importers/csv-rows.js';
import type { Ctx } from '../../src/services/context.js';
import type { Store } from '../../src/services/runtime.js';
import { BPI_LOG, rowOf, storedItems, tempStore, tenantCtx, type ItemRow } from './import-fixtures.js';

describe('BPI Challenge 2013 (Volvo IT incidents, one row per event)', () => {
  let store: Store;
  let ctx: Ctx;
  let rows: Map<string, ItemRow>;
  let text: string;

  beforeAll(async () => {
    ({ store } = await tempStore());
    ctx = await tenantCtx(store);
    text = await readSourceText(BPI_LOG);
  });
  afterAll(() => store.close());

  it('reduces 65,533 events to 7,554 service requests, and a second import changes nothing', async () => {
    const first = await runImport(ctx, convertBpi2013Csv(text, { file: 'bpi.csv.gz' }));
    expect(first).toMatchObject({ read: 65_533, created: 7_554, updated: 0, unchanged: 0, rejected: [] });
    rows = await storedItems(ctx, 'bpi2013');
    expect(rows.size).toBe(7_554);
    const outcomes = new Map<string, number>();
    for (const r of rows.values()) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    // Last events: 7,546 Completed (one of them Cancelled), 8 still Accepted.
    expect(Object.fromEntries(outcomes)).toEqual({ resolved: 7_545, abandoned: 1, open: 8 });
    const again = await runImport(ctx, convertBpi2013Csv(text, { file: 'bpi.csv.gz' }));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 7_554, rejected: [] });
  });

  it('counts support-line changes as reassignments and returns from Completed as reopens', () => {
    // Lines 2-18 of 1-364285768. ST Level: L1 L1 L3 L3 L1 L2/L3 L2/L3 L1 L1 L3 L3 … L3: five changes
    // (lines 3→4, 5→6, 6→7, 8→9, 10→11). Completed-Resolved on line 8, Queued on line 9: one reopen.
    // Resolved again on line 17 (2012-05-03T10:10:12+01:00), Completed-Closed on line 18 (2012-05-11T00:26:15+01:00).
    const sr = rowOf(rows, '1-364285768');
    expect(sr).toMatchObject({
      workflow: 'it-helpdesk',
      category: 'PROD582',
      priority: 3, // SR Latest Impact Medium
      channel: null,
      opened_at: Date.parse('2010-03-31T15:59:42+01:00'),
      resolved_at: Date.parse('2012-05-03T10:10:12+01:00'),
      closed_at: Date.parse('2012-05-11T00:26:15+01:00'),
      updated_at: Date.parse('2012-05-11T00:26:15+01:00'),
      reassignment_count: 5,
      reopen_count: 1,
      handled_by: 'human',
      outcome: 'resolved',
      sla_met: null,
    });
    expect(JSON.parse(sr.attributes ?? '{}')).toEqual({
      status: 'Completed',
      sub_status: 'Closed',
      impact: 'Medium',
      support_line: 'L3',
      highest_support_line: 'L3',
      support_team: 'V5 3rd',
      support_team_changes: 5,
      function_div: 'A2_5',
      org_line: 'Org line A2',
      country: 'fr',
      owner_country: '0',
      events: 17,
    });
  });

  it('imports a cancelled request as abandoned and an unfinished one as open', () => {
    // Lines 36500-36506: Completed-In Call (line 36504), back In Progress (36505), Completed-Cancelled (36506).
    expect(rowOf(rows, '1-737379684')).toMatchObject({
      outcome: 'abandoned',
      priority: 2, // High
      resolved_at: null,
      closed_at: Date.parse('2012-05-02T10:35:01+01:00'),
      reopen_count: 1,
      reassignment_count: 0,
    });
    // Lines 49635-49656: every event on L1, the last one Accepted-In Progress.
    expect(rowOf(rows, '1-739197171')).toMatchObject({
      outcome: 'open',
      priority: 4, // Low
      resolved_at: null,
      closed_at: null,
      reassignment_count: 0,
      opened_at: Date.parse('2012-05-03T07:46:25+01:00'),
    });
  });

  it('rejects unreadable events by line and refuses a file that is not the BPI log', () => {
    const header = text.slice(0, text.indexOf('\r\n'));
    const bad = [
      header,
      '1-1,2010-03-31T15:59:42,Accepted,In Progress,,,,,V30,V30,L1,Low,P,fr,France,A,B',
      ',2010-03-31T15:59:42+01:00,Accepted,In Progress,,,,,V30,V30,L1,Low,P,fr,France,A,B',
    ].join('\r\n');
    expect(convertBpi2013Csv(bad).rejected).toEqual([
      {
        line: 2,
        field: 'Change Date+Time',
        reason: 'Change Date+Time: not an ISO time with a zone: "2010-03-31T15:59:42"',
      },
      { line: 3, field: 'SR Number', reason: 'SR Number: is empty' },
    ]);
    expect(convertBpi2013Csv('a,b\n1,2\n', { file: 'x.csv' }).rejected[0]?.reason).toMatch(
      /^not a BPI 2013 log: no column\(s\) sr number/,
    );
  });
});
