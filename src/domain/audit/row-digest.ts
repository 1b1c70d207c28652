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

/** The columns of an items row that its digest covers: all of them, bookkeeping included. */
export interface ItemDigestRow {
  tenant_id: string;
  id: string;
  source: string;
  external_id: string;
  workflow: string | null;
  category: string | null;
  priority: number | null;
  channel: string | null;
  opened_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reassignment_count: number;
  reopen_count: number;
  handled_by: string;
  outcome: string;
  confidence: number | null;
  state_change_verified: number | null;
  csat: number | null;
  sla_met: number | null;
  attributes: string | null;
  /** Optional so the digest reads rows from before the column existed; absent counts as NULL. */
  handoff_minutes?: number | null;
  updated_at: number;
  reversed_at: number | null;
  reversal_reason: string | null;
  disputed_at: number | null;
  durable_at: number | null;
  content_hash: string;
  ingested_at: number;
}

/** One outgoing link of an item (an item_links row without its tenant and item id). */
export interface ItemLinkDigest {
  kind: string;
  to_source: string;
  to_external_id: string;
}

/** Digest of an item and its outgoing links (rework links decide whether an outcome stayed resolved). */
export function itemRowDigest(row: ItemDigestRow, links: readonly ItemLinkDigest[]): string {
  // Links are a set (their primary key): sorted and de-duplicated, so the order they were sent in is moot.
  const unique = new Map<string, ItemLinkDigest>();
  for (const l of links) {
    const link = { kind: l.kind, to_source: l.to_source, to_external_id: l.to_external_id };
    unique.set(canonicalJson(link), link);
  }
  const sorted = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, l]) => l);
  return tableRowDigest('items', {
    tenant_id: row.tenant_id,
    id: row.id,
    source: row.source,
    external_id: row.external_id,
    workflow: row.workflow,
    category: row.category,
    priority: row.priority,
    channel: row.channel,
    opened_at: row.opened_at,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    closed_at: row.closed_at,
    reassignment_count: row.reassignment_count,
    reopen_count: row.reopen_count,
    handled_by: row.handled_by,
    outcome: row.outcome,
    confidence: row.confidence,
    state_change_verified: row.state_change_verified,
    csat: row.csat,
    sla_met: row.sla_met,
    attributes: row.attributes,
    handoff_minutes: row.handoff_minutes ?? null,
    updated_at: row.updated_at,
    reversed_at: row.reversed_at,
    reversal_reason: row.reversal_reason,
    disputed_at: row.disputed_at,
    durable_at: row.durable_at,
    content_hash: row.content_hash,
    ingested_at: row.ingested_at,
    links: sorted,
  });
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
