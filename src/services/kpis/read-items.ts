import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import { fromMicros } from '../../domain/money.js';
import {
  verificationStateAt,
  withReworkReversal,
  type VerificationState,
} from '../../domain/verification.js';
import { isEpochMsInRange, toIso } from '../../domain/time.js';
import { ItemKey, type ItemViewFields } from '../../domain/item-input.js';
import type { ItemFilter } from '../../store/item-filter.js';
import { toKpiItem } from '../../store/item-row.js';
import { listItemCosts } from '../../store/queries/costs.js';
import {
  getKpiItemRow,
  listItemLinks,
  listItemsPage,
  type KpiItemRow,
} from '../../store/queries/items-read.js';
import { leafSubject } from '../../domain/audit/leaf-subject.js';
import { listAuditEntriesForSubject } from '../../store/queries/audit-entries.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import { parseInput } from '../parse-input.js';

/**
 * The API's view of a stored item: its id, the fields the view shows (ItemViewFields, from the one field
 * list), the costs attached to it and its verification as of a time. The contract's Item schema
 * (src/http/contract/items.ts) is built from the same fields.
 */
export interface ItemView extends ItemViewFields {
  id: string;
  attached_cost: number;
  verification: {
    state: VerificationState | null;
    window_closes_at: string | null;
    reversed_at: string | null;
    reversal_reason: string | null;
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIso(ms);
}

/** The API's view of a stored item, with its verification state as of `asOf`. */
export function itemView(row: KpiItemRow, asOf: number, durabilityWindowMs: number): ItemView {
  const item = withReworkReversal(toKpiItem(row), durabilityWindowMs);
  const state = verificationStateAt(item, asOf, durabilityWindowMs);
  const resolved = item.resolvedAt ?? item.closedAt;
  const reworkReversed = item.reversedAt !== row.reversed_at;
  return {
    id: row.id,
    source: row.source,
    external_id: row.external_id,
    workflow: row.workflow,
    category: row.category,
    priority: row.priority,
    channel: row.channel,
    opened_at: toIso(row.opened_at),
    first_response_at: isoOrNull(row.first_response_at),
    resolved_at: isoOrNull(row.resolved_at),
    closed_at: isoOrNull(row.closed_at),
    reassignment_count: row.reassignment_count,
    reopen_count: row.reopen_count,
    handled_by: row.handled_by,
    outcome: row.outcome,
    confidence: row.confidence,
    state_change_verified: item.stateChangeVerified,
    csat: row.csat,
    sla_met: item.slaMet,
    attributes:
      row.attributes === null ? null : z.record(z.string(), z.unknown()).parse(JSON.parse(row.attributes)),
    updated_at: toIso(row.updated_at),
    attached_cost: fromMicros(row.item_cost_micros ?? 0),
    verification: {
      state,
      window_closes_at: state === null || resolved === null ? null : toIso(resolved + durabilityWindowMs),
      reversed_at: state === 'reversed' ? isoOrNull(item.reversedAt) : null,
      reversal_reason: state === 'reversed' ? (reworkReversed ? 'rework' : row.reversal_reason) : null,
    },
  };
}

/** One item by (source, external_id), with its links, attached costs and audit entries. */
export async function getItem({ ctx, input }: Verb<{ source: string; externalId: string; asOf?: number }>) {
  requirePermission(ctx, 'read');
  const key = parseInput(ItemKey, { source: input.source, external_id: input.externalId });
  const db = reader(ctx);
  const tenant = await getTenantSettings(ctx);
  const row = await getKpiItemRow(db, ctx.tenantId, key.source, key.external_id);
  if (!row) throw new WorkledgerError('NOT_FOUND', `no item ${key.source}/${key.external_id}`, 'external_id');
  const links = await listItemLinks(db, ctx.tenantId, row);
  const costs = await listItemCosts(db, ctx.tenantId, row.source, row.external_id);
  const audit = await listAuditEntriesForSubject(db, ctx.tenantId, leafSubject('item', row.id));
  return {
    ...itemView(row, input.asOf ?? ctx.now(), tenant.durability_window_ms),
    links: links.outgoing.map((l) => ({ kind: l.kind, source: l.to_source, external_id: l.to_external_id })),
    linked_from: links.incoming.map((l) => ({
      kind: l.kind,
      source: l.source,
      external_id: l.external_id,
      opened_at: toIso(l.opened_at),
    })),
    costs: costs.map((c) => ({
      id: c.id,
      kind: c.kind,
      amount: fromMicros(c.amount_micros),
      currency: c.currency,
      starts_at: toIso(c.starts_at),
      tokens_in: c.tokens_in,
      tokens_out: c.tokens_out,
      model: c.model,
    })),
    audit: audit.map((a) => ({
      seq: a.seq,
      at: toIso(a.at),
      actor: a.actor,
      action: a.action,
      hash: a.hash,
    })),
  };
}

export interface ItemPage {
  items: ItemView[];
  next_cursor: string | null;
}

/** Encode/decode the opaque paging cursor: the last item's (opened_at, id). */
export function encodeCursor(row: { opened_at: number; id: string }): string {
  return Buffer.from(JSON.stringify([row.opened_at, row.id])).toString('base64url');
}

/** Exactly what encodeCursor writes: a stored opened_at (a whole epoch ms in range) and an item id. */
const Cursor = z.tuple([z.number().refine(isEpochMsInRange), z.string().regex(/^itm_[0-9a-f]{24}$/)]);

export function decodeCursor(text: string): { openedAt: number; id: string } {
  const json = Buffer.from(text, 'base64url').toString();
  let value: unknown = null;
  try {
    value = JSON.parse(json);
  } catch {
    // not JSON: refused below, like any other shape
  }
  const parsed = Cursor.safeParse(value);
  if (!parsed.success || encodeCursor({ opened_at: parsed.data[0], id: parsed.data[1] }) !== text)
    throw new WorkledgerError('VALIDATION', 'cursor: not a cursor this API returned', 'cursor');
  const [openedAt, id] = parsed.data;
  return { openedAt, id };
}

/** A page of items matching the KPI filters, oldest first. */
export async function listItems({
  ctx,
  input,
}: Verb<{ filter: ItemFilter; cursor?: string; limit?: number; asOf?: number }>): Promise<ItemPage> {
  requirePermission(ctx, 'read');
  const tenant = await getTenantSettings(ctx);
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new WorkledgerError('VALIDATION', 'limit: must be an integer 1..1000', 'limit');
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await listItemsPage(reader(ctx), ctx.tenantId, input.filter, cursor, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => itemView(r, input.asOf ?? ctx.now(), tenant.durability_window_ms)),
    next_cursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
