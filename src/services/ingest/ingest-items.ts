import { canonicalJson } from '../../domain/audit/canonical-json.js';
import { merkleLeafHash } from '../../domain/audit/merkle.js';
import { itemId, type ItemRecord } from '../../domain/item-record.js';
import { parseOutcome, type KpiItem } from '../../domain/kpi-item.js';
import { reversalReason, settlesAt } from '../../domain/verification.js';
import {
  getItemsByIds,
  replaceItemLinks,
  upsertItems,
  type ItemRow,
} from '../../store/queries/items-write.js';
import { listLinksOfItems } from '../../store/queries/audited-rows.js';
import { listReworkTargets, REWORK_KINDS } from '../../store/queries/rework.js';
import { keepRework } from './rework.js';
import { applyItemRollups } from '../rollups/apply-item-rollups.js';
import { itemWriteSettings } from '../rollups/rollup-settings.js';
import { requirePermission, withTransaction, type Verb } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { itemLeaves } from '../audit/row-leaf.js';
import { lockTenant } from '../../store/queries/tenants.js';

const REWORK_LINK_KINDS: ReadonlySet<string> = new Set(REWORK_KINDS);

export interface IngestItemsResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The one ingestion core for items: upsert by (source, external_id), newest `updated_at` wins,
 * one transaction and one audit entry (Merkle root of the changed rows' digests) per batch.
 */
export async function ingestItems({
  ctx,
  input,
}: Verb<{ records: readonly ItemRecord[] }>): Promise<IngestItemsResult> {
  requirePermission(ctx, 'ingest');
  const latest = newestPerKey(input.records);
  if (latest.size === 0) return { created: 0, updated: 0, unchanged: input.records.length };
  return withTransaction(ctx, async (tx) => {
    // Writers of one tenant take turns, so concurrent replays count and audit exactly once.
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    const stored = new Map((await getItemsByIds(tx, ctx.tenantId, [...latest.keys()])).map((r) => [r.id, r]));
    const settings = await itemWriteSettings(tx, ctx.tenantId, ctx.now());
    const now = ctx.now();
    const written = new Map<string, ItemRow>();
    let created = 0;
    for (const [id, record] of latest) {
      const before = stored.get(id);
      if (before && before.updated_at >= record.updatedAt) continue;
      if (!before) created += 1;
      written.set(id, toRow(ctx.tenantId, id, record, before, now, settings.durabilityWindowMs));
    }
    const rows = [...written.values()];
    const result = { created, updated: rows.length - created, unchanged: input.records.length - rows.length };
    if (rows.length === 0) return result;
    const { maxParameters } = ctx.store.dialect;
    // Links this batch replaces may have made other items rework; their targets are recomputed too.
    const updatedIds = rows.filter((r) => stored.has(r.id)).map((r) => r.id);
    const oldTargets = updatedIds.length ? await listReworkTargets(tx, ctx.tenantId, updatedIds) : [];
    await upsertItems(tx, rows, maxParameters);
    const links = rows.flatMap((row) =>
      (latest.get(row.id)?.links ?? []).map((l) => ({
        tenant_id: ctx.tenantId,
        from_item_id: row.id,
        kind: l.kind,
        to_source: l.source,
        to_external_id: l.externalId,
      })),
    );
    await replaceItemLinks(
      tx,
      ctx.tenantId,
      rows.map((r) => r.id),
      links,
      maxParameters,
    );
    const outside = await keepRework(tx, ctx.tenantId, settings.durabilityWindowMs, written, [
      ...oldTargets.map((t) => ({ source: t.to_source, externalId: t.to_external_id })),
      ...links
        .filter((l) => REWORK_LINK_KINDS.has(l.kind))
        .map((l) => ({ source: l.to_source, externalId: l.to_external_id })),
    ]);
    const finalRows = [...written.values()];
    const outsideLinks = outside.length
      ? await listLinksOfItems(
          tx,
          ctx.tenantId,
          outside.map((c) => c.after.id),
        )
      : [];
    await applyItemRollups(
      tx,
      ctx.tenantId,
      [...finalRows.map((after) => ({ before: stored.get(after.id) ?? null, after })), ...outside],
      settings,
      maxParameters,
    );
    await emitAudit(tx, ctx, {
      action: 'items.ingest',
      subject: 'items',
      detail: outside.length ? { ...result, rework_updated: outside.length } : result,
      leaves: itemLeaves([...finalRows, ...outside.map((c) => c.after)], [...links, ...outsideLinks]),
    });
    return result;
  });
}

/** Within one batch, the newest version of each item wins; on a tie, the later one. */
function newestPerKey(records: readonly ItemRecord[]): Map<string, ItemRecord> {
  const latest = new Map<string, ItemRecord>();
  for (const record of records) {
    const id = itemId(record.source, record.externalId);
    const seen = latest.get(id);
    if (!seen || record.updatedAt >= seen.updatedAt) latest.set(id, record);
  }
  return latest;
}

/**
 * The row the ingestion core stores for a record over the stored row `before` (exported for the bulk
 * loader of the scale benchmark, which must store exactly what this does).
 */
export function toRow(
  tenantId: string,
  id: string,
  r: ItemRecord,
  before: ItemRow | undefined,
  now: number,
  durabilityWindowMs: number,
): ItemRow {
  const reason = reversalReason(before ? kpiFields(before) : null, {
    handledBy: r.handledBy,
    outcome: r.outcome,
    reopenCount: r.reopenCount,
    reassignmentCount: r.reassignmentCount,
  });
  const reversedAt = before?.reversed_at ?? (reason ? r.updatedAt : null);
  const row: ItemRow = {
    tenant_id: tenantId,
    id,
    source: r.source,
    external_id: r.externalId,
    workflow: r.workflow,
    category: r.category,
    priority: r.priority,
    channel: r.channel,
    opened_at: r.openedAt,
    first_response_at: r.firstResponseAt,
    resolved_at: r.resolvedAt,
    closed_at: r.closedAt,
    reassignment_count: r.reassignmentCount,
    reopen_count: r.reopenCount,
    handled_by: r.handledBy,
    outcome: r.outcome,
    confidence: r.confidence,
    state_change_verified: bool(r.stateChangeVerified),
    csat: r.csat,
    sla_met: bool(r.slaMet),
    attributes: r.attributes ? JSON.stringify(r.attributes) : null,
    handoff_minutes: r.handoffMinutes,
    updated_at: r.updatedAt,
    reversed_at: reversedAt,
    reversal_reason: before?.reversal_reason ?? reason,
    disputed_at: before?.disputed_at ?? null,
    durable_at: before?.durable_at ?? null,
    content_hash: merkleLeafHash(canonicalJson(r)),
    ingested_at: now,
    settles_at: null,
    rework_opened_at: before?.rework_opened_at ?? null,
  };
  return { ...row, settles_at: pendingUntil(row, durabilityWindowMs) };
}

function pendingUntil(row: ItemRow, durabilityWindowMs: number): number | null {
  return settlesAt(
    {
      handledBy: row.handled_by,
      outcome: parseOutcome(row.outcome),
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
      reversedAt: row.reversed_at,
      disputedAt: row.disputed_at,
      durableAt: row.durable_at,
    },
    durabilityWindowMs,
  );
}

function kpiFields(
  row: ItemRow,
): Pick<KpiItem, 'handledBy' | 'outcome' | 'reopenCount' | 'reassignmentCount'> {
  return {
    handledBy: row.handled_by,
    outcome: parseOutcome(row.outcome),
    reopenCount: row.reopen_count,
    reassignmentCount: row.reassignment_count,
  };
}

function bool(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}
