import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/ingest/import-runner.js';
import { parseCsv } from '../../src/ingest/importers/csv-rows.js';
import { convertServiceNowCsv } from '../../src/ingest/importers/servicenow-csv.js';
import { convertServiceNowJson } from '../../src/ingest/importers/servicenow-json.js';
import type { Store } from '../../src/services/runtime.js';
import { REST_CSV, rowOf, storedItems, tempStore, tenantCtx, utc, type ItemRow } from './import-fixtures.js';

const restText = readFileSync(REST_CSV, 'utf8');

describe('ServiceNow: the REST CSV export (raw codes, UTC)', () => {
  let store: Store;
  beforeAll(async () => ({ store } = await tempStore()));
  afterAll(() => store.close());

  it('imports 67 incidents, field by field as in the file', async () => {
    const ctx = await tenantCtx(store);
    const summary = await runImport(
      ctx,
      convertServiceNowCsv(restText, { file: 'rest.csv', workflow: 'servicedesk' }),
    );
    expect(summary).toMatchObject({ read: 67, created: 67, updated: 0, unchanged: 0, rejected: [] });
    const rows = await storedItems(ctx, 'servicenow');
    // Line 2: incident_state 7, priority 3, opened 2016-12-12 15:19:57, resolved 2016-12-13 21:43:14,
    // closed 2016-12-14 02:46:44, reassignment_count 2, reopen_count 0, made_sla true, self-service, inquiry.
    const closed = rowOf(rows, 'INC0000060');
    expect(closed).toMatchObject({
      workflow: 'servicedesk',
      category: 'inquiry',
      priority: 3,
      channel: 'self-service',
      opened_at: utc('2016-12-12 15:19:57'),
      resolved_at: utc('2016-12-13 21:43:14'),
      closed_at: utc('2016-12-14 02:46:44'),
      updated_at: utc('2016-12-14 02:46:44'),
      reassignment_count: 2,
      reopen_count: 0,
      sla_met: 1,
      outcome: 'resolved',
    });
    expect(JSON.parse(closed.attributes ?? '{}')).toMatchObject({
      state: 'Closed',
      close_code: 'Solved (Permanently)',
      business_stc_s: 28800,
      calendar_stc_s: 102197,
      sys_id: '1c741bd70b2322007518478d83673af3',
    });
    // Line 30: state 2 (In Progress) keeps a closed_at 2022-10-01 23:39:10 from an earlier closure; reopen_count empty.
    expect(rowOf(rows, 'INC0000015')).toMatchObject({
      priority: 1,
      outcome: 'open',
      resolved_at: null,
      closed_at: null,
      reassignment_count: 2,
      reopen_count: 0,
      sla_met: 0,
      opened_at: utc('2022-09-26 23:38:46'),
    });
    // Line 50: state 3 (On Hold), category empty, contact_type empty.
    expect(rowOf(rows, 'INC0000007')).toMatchObject({ outcome: 'open', category: 'database', channel: null });
    expect(rowOf(rows, 'INC0000018')).toMatchObject({ category: null, outcome: 'open' });
    expect([...rows.values()].filter((r) => r.outcome === 'resolved')).toHaveLength(27);
  });
});

/** Three incidents of the REST CSV as the Table API gives them with each sysparm_display_value. */
function tableApiAnswers(): { raw: unknown; display: unknown; all: unknown } {
  const table = parseCsv(restText);
  const pick = ['INC0000060', 'INC0000015', 'INC0008001'];
  const records = table.rows
    .map((row) => Object.fromEntries(table.header.map((h, i) => [h, row.values[i] ?? ''])))
    .filter((r) => pick.includes(r.number ?? ''));
  const states: Record<string, string> = { '1': 'New', '2': 'In Progress', '7': 'Closed' };
  const priorities: Record<string, string> = {
    '1': '1 - Critical',
    '3': '3 - Moderate',
    '5': '5 - Planning',
  };
  // The instance's zone for display values: America/Los_Angeles, written as MM/dd/yyyy hh:mm:ss a.
  const wall = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h12',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const display = (field: string, value: string): string => {
    if (value === '') return '';
    if (field === 'incident_state') return states[value] ?? value;
    if (field === 'priority') return priorities[value] ?? value;
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return wall.format(utc(value)).replace(',', '');
    return value;
  };
  const reference = (field: string, value: string): unknown =>
    field === 'assignment_group' && value !== ''
      ? { link: `https://dev.service-now.com/api/now/table/sys_user_group/${value}`, value }
      : value;
  return {
    raw: {
      result: records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, reference(k, v)]))),
    },
    display: {
      result: records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, display(k, v)]))),
    },
    all: {
      result: records.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, { value: v, display_value: display(k, v) }]),
        ),
      ),
    },
  };
}

describe('ServiceNow: Table API JSON in every sysparm_display_value', () => {
  let store: Store;
  beforeAll(async () => ({ store } = await tempStore()));
  afterAll(() => store.close());

  it('stores the same times, states and counts from false, true and all', async () => {
    const answers = tableApiAnswers();
    expect(JSON.stringify(answers.display)).toContain('12/12/2016 07:19:57 AM');
    const stored: Map<string, ItemRow>[] = [];
    for (const [mode, json] of Object.entries(answers)) {
      // Display values carry the instance's wall clock: the tenant's zone must be the instance's.
      const ctx = await tenantCtx(store, mode === 'display' ? 'America/Los_Angeles' : 'UTC');
      const converted = convertServiceNowJson(json, { file: `${mode}.json` });
      expect(converted.rejected, mode).toEqual([]);
      expect(await runImport(ctx, converted), mode).toMatchObject({ read: 3, created: 3 });
      stored.push(await storedItems(ctx, 'servicenow'));
    }
    const fields = ['opened_at', 'resolved_at', 'closed_at', 'updated_at', 'outcome', 'priority'] as const;
    const view = (rows: Map<string, ItemRow>) =>
      [...rows.values()]
        .map((r) => ({
          id: r.external_id,
          ...Object.fromEntries(fields.map((f) => [f, r[f]])),
          n: r.reassignment_count,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    const [raw, display, all] = stored.map(view);
    expect(raw).toEqual(display);
    expect(raw).toEqual(all);
    expect(raw).toContainEqual({
      id: 'INC0000060',
      opened_at: utc('2016-12-12 15:19:57'),
      resolved_at: utc('2016-12-13 21:43:14'),
      closed_at: utc('2016-12-14 02:46:44'),
      updated_at: utc('2016-12-14 02:46:44'),
      outcome: 'resolved',
      priority: 3,
      n: 2,
    });
    // A reference field {link, value} gives its value.
    const group = JSON.parse(rowOf(stored[0] ?? new Map(), 'INC0000060').attributes ?? '{}') as Record<
      string,
      unknown
    >;
    expect(group.assignment_group).toBe('287ebd7da9fe198100f92cc8d1d2154e');
  });

  it('rejects a record that is not an object by its position, and an answer without result', () => {
    const converted = convertServiceNowJson({
      result: [{ number: 'INC1', opened_at: '2020-01-01 00:00:00' }, 7],
    });
    expect(converted.records).toHaveLength(1);
    expect(converted.rejected).toEqual([{ line: 2, reason: 'not a JSON object' }]);
    expect(() => convertServiceNowJson({ records: [] }, { file: 'x.json' })).toThrow(
      'x.json: not a ServiceNow Table API answer (expected {"result": [ … ]})',
    );
  });
});
