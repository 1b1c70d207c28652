import { canonicalJson } from '../../domain/audit/canonical-json.js';
import { merkleLeafHash } from '../../domain/audit/merkle.js';
import { ItemEvent } from '../../domain/item-event.js';
import { itemId, type ItemRecord } from '../../domain/item-record.js';
import { parseOutcome } from '../../domain/kpi-item.js';
import { lateEventReversalReason } from '../../domain/verification.js';
import { getItemEventState, insertItemEvent, type ItemEventState } from '../../store/queries/item-events.js';
import {
  getItemsByIds,
  saveItemCounters,
  type ItemCounterChange,
  type ItemRow,
} from '../../store/queries/items-write.js';
import { lockTenant } from '../../store/queries/tenants.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { applyItemRollups } from '../rollups/apply-item-rollups.js';
import { itemWriteSettings } from '../rollups/rollup-settings.js';
import { ingestItems } from './ingest-items.js';
import { parseInput } from '../parse-input.js';

/** What one event did to its item, and why it did nothing when it did nothing. */
export type ItemEventResult =
  | { action: 'created' | 'updated'; countersOnly: boolean }
  | { action: 'unchanged'; why: 'replayed' | 'recounted' | 'older' };

interface Counts {
  reassignmentCount: number;
  reopenCount: number;
}

/**
 * Apply one source event to its item once, in whatever order events arrive: its counts add to the stored
 * counters, its fields win only if it is newer, a replay changes nothing; item, event id and audit entry
 * are written in one transaction under the tenant's lock.
 */
export async function ingestItemEvent({
  ctx,
  input,
}: Verb<{ record: ItemRecord; event: ItemEvent }>): Promise<ItemEventResult> {
  requirePermission(ctx, 'ingest');
  const event = parseInput(ItemEvent, input.event, 'event');
  const { record } = input;
  const id = itemId(record.source, record.externalId);
  return withTransaction(ctx, async (tx) => {
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    const [before] = await getItemsByIds(tx, ctx.tenantId, [id]);
    const state = await getItemEventState(tx, ctx.tenantId, id, event.id);
    if (state.applied) return { action: 'unchanged', why: 'replayed' };
    const countedThrough = recountedThrough(before, state);
    if (event.changedAt !== null && countedThrough !== null && event.changedAt <= countedThrough)
      return { action: 'unchanged', why: 'recounted' };
    const counts: Counts = {
      reassignmentCount: (before?.reassignment_count ?? 0) + event.reassignments,
      reopenCount: (before?.reopen_count ?? 0) + event.reopens,
    };
    const inTx: Ctx = { ...ctx, tx };
    let result: ItemEventResult;
    if (!before || before.updated_at < record.updatedAt) {
      const ingested = await ingestItems({ ctx: inTx, input: { records: [{ ...record, ...counts }] } });
      if (ingested.created + ingested.updated === 0) return { action: 'unchanged', why: 'older' };
      result = { action: ingested.created > 0 ? 'created' : 'updated', countersOnly: false };
    } else if (event.reassignments + event.reopens > 0) {
      await saveItemCounters(
        tx,
        ctx.tenantId,
        id,
        counterChange(before, counts, record.updatedAt, ctx.now()),
      );
      const [after] = await getItemsByIds(tx, ctx.tenantId, [id]);
      if (after)
        await applyItemRollups(
          tx,
          ctx.tenantId,
          [{ before, after }],
          await itemWriteSettings(tx, ctx.tenantId, ctx.now()),
          ctx.store.dialect.maxParameters,
        );
      await emitAudit(tx, inTx, {
        action: 'items.ingest',
        subject: 'items',
        detail: { created: 0, updated: 1, unchanged: 0, event: event.id, counters_only: true },
        leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'item', [id])],
      });
      result = { action: 'updated', countersOnly: true };
    } else return { action: 'unchanged', why: 'older' };
    await insertItemEvent(tx, {
      tenant_id: ctx.tenantId,
      item_id: id,
      event_id: event.id,
      event_at: record.updatedAt,
      counted_through: countedThrough,
      applied_at: ctx.now(),
    });
    return result;
  });
}

/**
 * Through when the stored counters are a full recount, or null. A version no event wrote (an import,
 * newer than every applied event) counts every change up to its `updated_at`; events keep that mark.
 */
function recountedThrough(before: ItemRow | undefined, state: ItemEventState): number | null {
  if (!before) return null;
  if (state.newestEventAt === null || before.updated_at > state.newestEventAt) return before.updated_at;
  return state.countedThrough;
}

/** The stored row with the counters an older event adds, and the reversal they make (once). */
function counterChange(before: ItemRow, counts: Counts, at: number, now: number): ItemCounterChange {
  const stored = {
    handledBy: before.handled_by,
    outcome: parseOutcome(before.outcome),
    reopenCount: before.reopen_count,
    reassignmentCount: before.reassignment_count,
    resolvedAt: before.resolved_at,
    closedAt: before.closed_at,
  };
  const reason = before.reversed_at === null ? lateEventReversalReason(stored, counts, at) : null;
  return {
    reassignment_count: counts.reassignmentCount,
    reopen_count: counts.reopenCount,
    reversed_at: before.reversed_at ?? (reason ? at : null),
    reversal_reason: before.reversal_reason ?? reason,
    settles_at: reason ? null : before.settles_at,
    // The record the fields came from, with the counters the row now holds.
    content_hash: merkleLeafHash(
      canonicalJson({
        record: before.content_hash,
        reassignmentCount: counts.reassignmentCount,
        reopenCount: counts.reopenCount,
      }),
    ),
    ingested_at: now,
  };
}
