import { describe, expect, it } from 'vitest';
import {
  ITEM_FIELDS,
  ITEM_TIME_FIELDS,
  ItemFields,
  ItemInput,
  ItemViewFields,
} from '../../src/domain/item-input.js';
import { toItemRecord } from '../../src/domain/item-record.js';
import { KPI_ITEM_FIELDS } from '../../src/domain/kpi-item.js';
import { Item, ItemDetail } from '../../src/http/contract/items.js';
import { itemView } from '../../src/services/kpis/read-items.js';
import { toKpiItem } from '../../src/store/item-row.js';
import { KPI_ITEM_COLUMNS, type KpiItemRow } from '../../src/store/queries/items-read.js';
import { openTestStore } from '../helpers/engines.js';

// One item model: the input, the shown fields, the API view and its contract schema, the stored row, the
// normalised record and the KPI item all come from ITEM_FIELDS. These checks read each shape's keys at
// run time, so a shape that drifts from the list (a field added, renamed or dropped in one place) fails.

const FIELDS = Object.keys(ITEM_FIELDS);
/** What the API's view leaves out of the fields (ItemViewFields). */
const NOT_IN_VIEW = ['links', 'handoff_minutes'];
/** What the view adds around the fields: the item's id first, its cost and verification after. */
const VIEW_BEFORE = ['id'];
const VIEW_AFTER = ['attached_cost', 'verification'];
/** What a stored item shows when a writer did not send it: a default, not null. */
const DEFAULTED = ['reassignment_count', 'reopen_count', 'outcome', 'updated_at'];
/** The columns of an items row besides the item's fields (ItemRowMarks). */
const ROW_MARKS = [
  'tenant_id',
  'id',
  'reversed_at',
  'reversal_reason',
  'disputed_at',
  'durable_at',
  'content_hash',
  'ingested_at',
  'settles_at',
  'rework_opened_at',
];
/** The fields kept outside the item's row (links are rows of item_links). */
const NOT_IN_ROW = ['links'];

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const without = (names: readonly string[], left: readonly string[]) => names.filter((n) => !left.includes(n));
const sorted = (names: readonly string[]) => [...names].sort();

const ROW: KpiItemRow = {
  tenant_id: 't1',
  id: 'itm_000000000000000000000001',
  source: 'servicenow',
  external_id: 'INC0010001',
  workflow: 'it-helpdesk',
  category: 'password',
  priority: 3,
  channel: 'email',
  opened_at: Date.UTC(2026, 0, 5, 9),
  first_response_at: Date.UTC(2026, 0, 5, 10),
  resolved_at: Date.UTC(2026, 0, 5, 11),
  closed_at: null,
  reassignment_count: 1,
  reopen_count: 0,
  handled_by: 'agent-1',
  outcome: 'resolved',
  confidence: 0.9,
  state_change_verified: 1,
  csat: 5,
  sla_met: 0,
  attributes: '{"queue":"l1"}',
  updated_at: Date.UTC(2026, 0, 5, 11),
  reversed_at: null,
  reversal_reason: null,
  disputed_at: null,
  durable_at: null,
  content_hash: 'x',
  ingested_at: Date.UTC(2026, 0, 5, 12),
  handoff_minutes: 12,
  settles_at: Date.UTC(2026, 0, 8, 11),
  rework_opened_at: null,
  item_cost_micros: 1_500_000,
};

describe('one item model', () => {
  it('ItemInput and the shown fields are the list', () => {
    expect(Object.keys(ItemInput.shape)).toEqual(FIELDS);
    expect(Object.keys(ItemFields.shape)).toEqual(FIELDS);
    expect(Object.keys(ItemViewFields.shape)).toEqual(without(FIELDS, NOT_IN_VIEW));
  });

  it('a field not sent is shown as null, unless the record gives it a default', () => {
    for (const [name, spec] of Object.entries(ITEM_FIELDS)) {
      if (name === 'links') continue; // shown (by the detail) as a list, empty when none were sent
      const optional = spec.input.safeParse(undefined).success;
      const nullable = spec.shown.safeParse(null).success;
      expect(nullable, name).toBe(optional && !DEFAULTED.includes(name));
      expect(optional || !DEFAULTED.includes(name), name).toBe(true);
    }
  });

  it('the time fields are the ones named *_at', () => {
    expect(ITEM_TIME_FIELDS).toEqual(FIELDS.filter((n) => n.endsWith('_at')));
  });

  it("the contract's Item is the view's fields with its documented additions, in order", () => {
    const view = [...VIEW_BEFORE, ...without(FIELDS, NOT_IN_VIEW), ...VIEW_AFTER];
    expect(Object.keys(Item.shape)).toEqual(view);
    expect(Object.keys(ItemDetail.shape).slice(0, view.length)).toEqual(view);
    expect(ItemDetail.shape.links).toBe(ItemFields.shape.links);
  });

  it("the service's view of a stored row has exactly the contract's keys, and passes it", () => {
    const view = itemView(ROW, ROW.updated_at, 3 * 86_400_000);
    // as sets: the answer keeps the key order it always had (attributes before updated_at)
    expect(sorted(Object.keys(view))).toEqual(sorted(Object.keys(Item.shape)));
    expect(Item.safeParse(view).success).toBe(true);
  });

  it('the normalised record has every field but none else, in camelCase', () => {
    const input = ItemInput.parse({
      source: 'servicenow',
      external_id: 'INC0010001',
      opened_at: '2026-01-05T09:00:00Z',
      handled_by: 'human',
    });
    const converted = toItemRecord(input, 'UTC');
    if (!converted.ok) throw new Error(converted.error.message);
    expect(sorted(Object.keys(converted.value))).toEqual(sorted(FIELDS.map(camel)));
  });

  it('the KPI item is its id, the KPI fields and the verification marks', () => {
    expect(without(KPI_ITEM_FIELDS, FIELDS)).toEqual([]);
    const marks = ['reversed_at', 'disputed_at', 'rework_opened_at'];
    expect(sorted(KPI_ITEM_COLUMNS)).toEqual(sorted(['id', ...KPI_ITEM_FIELDS, ...marks]));
    expect(sorted(Object.keys(toKpiItem(ROW)))).toEqual(sorted(KPI_ITEM_COLUMNS.map(camel)));
  });

  it("the items table's columns are the fields kept in the row and the row's own", async () => {
    const { store, dispose } = await openTestStore('sqlite');
    try {
      const { item_cost_micros, ...row } = ROW;
      expect(sorted(Object.keys(row))).toEqual(sorted([...ROW_MARKS, ...without(FIELDS, NOT_IN_ROW)]));
      const columns = await store.db.introspection.getTables();
      const items = columns.find((t) => t.name === 'items');
      expect(sorted(items?.columns.map((c) => c.name) ?? [])).toEqual(sorted(Object.keys(row)));
    } finally {
      await dispose();
    }
  });
});
