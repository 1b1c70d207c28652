import type { StoredItemRow } from '../item-model.js';
import { canonicalJson } from './canonical-json.js';
import { merkleLeafHash } from './merkle.js';

// The digest of a stored row is the Merkle leaf hash of the canonical JSON of { table, row }: every
// column as stored (epoch ms, micro-units, JSON kept as its text), tenant_id included so a row moved to
// another tenant no longer matches. A column added later is covered only once it is listed here.

/** A stored column value: text, a number, or NULL (a list only for an item's links). */
export type ColumnValue = string | number | null | readonly object[];

/** The leaf hash of one stored row of `table`, given the columns it covers. */
export function tableRowDigest(table: string, row: Readonly<Record<string, ColumnValue>>): string {
  return merkleLeafHash(`{"row":${rowJson(row)},"table":${JSON.stringify(table)}}`);
}

/**
 * canonicalJson of a row, faster: a row's columns are text, numbers, NULL or (links) a list, so only the
 * list needs the general serialiser; the output is byte for byte canonicalJson's (tested).
 */
function rowJson(row: Readonly<Record<string, ColumnValue>>): string {
  let text = '{';
  let first = true;
  for (const key of sortedKeys(row)) {
    const value = row[key];
    if (value === undefined) continue;
    const json =
      value === null
        ? 'null'
        : typeof value === 'string'
          ? JSON.stringify(value)
          : typeof value === 'number' && Number.isFinite(value)
            ? String(value)
            : canonicalJson(value);
    text += (first ? '"' : ',"') + key + '":' + json;
    first = false;
  }
  return text + '}';
}

// Column names are plain ASCII identifiers, so each table's sorted list is computed once per key set.
const KEY_ORDERS = new Map<string, readonly string[]>();

function sortedKeys(row: object): readonly string[] {
  const keys = Object.keys(row);
  const id = keys.join(',');
  let sorted = KEY_ORDERS.get(id);
  if (sorted === undefined) {
    if (!keys.every((k) => /^[a-z_][a-z0-9_]*$/.test(k)))
      throw new Error(`row digest: column names must be plain identifiers: ${id}`);
    sorted = [...keys].sort();
    if (KEY_ORDERS.size < 1_000) KEY_ORDERS.set(id, sorted);
  }
  return sorted;
}

/**
 * The columns of an items row that its digest covers: the item's fields as stored and the row's own
 * columns (StoredItemRow, from the one field list), bookkeeping included, but for settles_at and
 * rework_opened_at, which the digest does not cover. A field added to the list fails to compile below
 * until it is listed in ITEM_COLUMNS (or left out here).
 */
export type ItemDigestRow = Omit<StoredItemRow, 'settles_at' | 'rework_opened_at' | 'handoff_minutes'> & {
  /** Optional so the digest reads rows from before the column existed; absent counts as NULL. */
  handoff_minutes?: number | null;
};

/** One outgoing link of an item (an item_links row without its tenant and item id). */
export interface ItemLinkDigest {
  kind: string;
  to_source: string;
  to_external_id: string;
}

/** The columns an item's digest covers, in canonical (code-unit) order; `links` is its outgoing links. */
const ITEM_COLUMNS = [
  'attributes',
  'category',
  'channel',
  'closed_at',
  'confidence',
  'content_hash',
  'csat',
  'disputed_at',
  'durable_at',
  'external_id',
  'first_response_at',
  'handled_by',
  'handoff_minutes',
  'id',
  'ingested_at',
  'links',
  'opened_at',
  'outcome',
  'priority',
  'reassignment_count',
  'reopen_count',
  'resolved_at',
  'reversal_reason',
  'reversed_at',
  'sla_met',
  'source',
  'state_change_verified',
  'tenant_id',
  'updated_at',
  'workflow',
] as const satisfies readonly (keyof ItemDigestRow | 'links')[];

// Every column of ItemDigestRow is listed: a column added to the row and not here fails to compile.
type UnlistedItemColumn = Exclude<keyof ItemDigestRow, (typeof ITEM_COLUMNS)[number]>;
export const ITEM_DIGEST_COLUMNS: readonly string[] = ITEM_COLUMNS satisfies [UnlistedItemColumn] extends [
  never,
]
  ? readonly string[]
  : never;

/**
 * Digest of an item and its outgoing links: tableRowDigest('items', …) of every column and the links,
 * written directly — the columns are fixed, so their order is too (this runs for every ingested and every
 * verified item; the output is byte for byte the general path's, tested).
 */
export function itemRowDigest(row: ItemDigestRow, links: readonly ItemLinkDigest[]): string {
  let text = '{"row":{';
  for (const column of ITEM_COLUMNS) {
    const value =
      column === 'links'
        ? linksJson(links)
        : columnJson(column === 'handoff_minutes' ? (row.handoff_minutes ?? null) : row[column]);
    if (value !== undefined) text += (text.length === 8 ? '"' : ',"') + column + '":' + value;
  }
  return merkleLeafHash(text + '},"table":"items"}');
}

/** A column's JSON; undefined for a column the row lacks (the general path skips it too). */
function columnJson(value: string | number | null | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return Number.isFinite(value) ? String(value) : canonicalJson(value);
}

/**
 * Links are a set (their primary key): de-duplicated and sorted by their canonical JSON, so the order
 * they were sent in is moot. A link's canonical JSON has its keys in the order kind, to_external_id,
 * to_source.
 */
function linksJson(links: readonly ItemLinkDigest[]): string {
  if (links.length === 0) return '[]';
  const unique = new Set<string>();
  for (const l of links)
    unique.add(
      `{"kind":${JSON.stringify(l.kind)},"to_external_id":${JSON.stringify(l.to_external_id)},"to_source":${JSON.stringify(l.to_source)}}`,
    );
  const sorted = [...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return '[' + sorted.join(',') + ']';
}

/** The columns of a costs row. */
export interface CostDigestRow {
  tenant_id: string;
  id: string;
  agent_id: string;
  item_source: string | null;
  item_external_id: string | null;
  kind: string;
  amount_micros: number;
  currency: string;
  starts_at: number;
  ends_at: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  model: string | null;
  created_at: number;
}

/** Digest of a cost row. */
export function costRowDigest(row: CostDigestRow): string {
  return tableRowDigest('costs', {
    tenant_id: row.tenant_id,
    id: row.id,
    agent_id: row.agent_id,
    item_source: row.item_source,
    item_external_id: row.item_external_id,
    kind: row.kind,
    amount_micros: row.amount_micros,
    currency: row.currency,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    tokens_in: row.tokens_in,
    tokens_out: row.tokens_out,
    model: row.model,
    created_at: row.created_at,
  });
}

/** The columns of a baselines row (a frozen, versioned baseline). */
export interface BaselineDigestRow {
  tenant_id: string;
  version: number;
  id: string;
  name: string | null;
  window_from: number;
  window_to: number;
  rate_card_id: string;
  body: string;
  body_hash: string;
  frozen_at: number;
  frozen_by: string;
}

/** Digest of a baseline row. */
export function baselineRowDigest(row: BaselineDigestRow): string {
  const { tenant_id, version, id, name, window_from, window_to, rate_card_id, body, body_hash } = row;
  const { frozen_at, frozen_by } = row;
  return tableRowDigest('baselines', {
    tenant_id,
    version,
    id,
    name,
    window_from,
    window_to,
    rate_card_id,
    body,
    body_hash,
    frozen_at,
    frozen_by,
  });
}
