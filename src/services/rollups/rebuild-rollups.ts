import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { getItemsOpenedAfter } from '../../store/queries/items-read.js';
import { lockTenant } from '../../store/queries/tenants.js';
import { deleteTenantRollups, getRollupState, saveRollupState } from '../../store/rollups/rollup-queries.js';
import { countRollupRows } from '../../store/rollups/rollup-counts.js';
import { requirePermission, withTransaction, type Ctx } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { applyItemRollups, formatRebuildCursor, type RebuildCursor } from './apply-item-rollups.js';
import { itemWriteSettings } from './rollup-settings.js';

/**
 * Items counted per transaction. Read in opened order, a chunk touches the buckets of a few days (and
 * their weeks and months); each transaction holds the tenant lock for tens of milliseconds, on the job
 * thread or in the CLI, never on the thread that answers requests.
 */
const CHUNK = 2_000;

/** Told how many items are counted after each chunk; a promise it returns is waited for. */
export interface RebuildProgress {
  (done: number): void | Promise<void>;
}

/**
 * Rebuild a tenant's rollups from its items (`workledger rollups rebuild`, after an upgrade or a change of
 * SLA targets or tenant windows): drop them, then count the items in (opened_at, id) order in bounded
 * chunks, each chunk one transaction under the tenant lock. Writers meanwhile keep what is already counted
 * (items up to the cursor) and leave the rest to the rebuild; reads use the items until the rollups are
 * ready again.
 */
export async function rebuildRollups(
  ctx: Ctx,
  progress?: RebuildProgress,
  chunkSize = CHUNK,
): Promise<{ items: number; buckets: number }> {
  requirePermission(ctx, 'configure');
  await withTransaction(ctx, async (tx) => {
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    await deleteTenantRollups(tx, ctx.tenantId);
    await saveRollupState(tx, {
      tenant_id: ctx.tenantId,
      status: 'rebuilding',
      cursor: '',
      updated_at: ctx.now(),
    });
  });
  let cursor: RebuildCursor | null = null;
  let items = 0;
  for (;;) {
    const next = await withTransaction(ctx, async (tx) => {
      await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
      const rows = await getItemsOpenedAfter(tx, ctx.tenantId, cursor, chunkSize);
      const last = rows[rows.length - 1];
      if (!last) return null;
      const reached = { openedAt: last.opened_at, id: last.id };
      // Move the cursor first: applyItemRollups counts exactly the items up to it.
      await saveRollupState(tx, {
        tenant_id: ctx.tenantId,
        status: 'rebuilding',
        cursor: formatRebuildCursor(reached),
        updated_at: ctx.now(),
      });
      await applyItemRollups(
        tx,
        ctx.tenantId,
        rows.map((after) => ({ before: null, after })),
        await itemWriteSettings(tx, ctx.tenantId, ctx.now()),
        ctx.store.dialect.maxParameters,
      );
      return { cursor: reached, count: rows.length };
    });
    if (!next) break;
    cursor = next.cursor;
    items += next.count;
    await progress?.(items);
    await yieldToEventLoop();
  }
  return withTransaction(ctx, async (tx) => {
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    await saveRollupState(tx, {
      tenant_id: ctx.tenantId,
      status: 'ready',
      cursor: null,
      updated_at: ctx.now(),
    });
    const buckets = await countRollupRows(tx, ctx.tenantId);
    await emitAudit(tx, ctx, { action: 'rollups.rebuild', subject: 'rollups', detail: { items, buckets } });
    return { items, buckets };
  });
}

/** Mark a tenant's rollups stale (in the caller's transaction): its reads use items until a rebuild. */
export async function markRollupsStale(ctx: Ctx, tx: Parameters<typeof saveRollupState>[0]): Promise<void> {
  await saveRollupState(tx, {
    tenant_id: ctx.tenantId,
    status: 'stale',
    cursor: null,
    updated_at: ctx.now(),
  });
}

/** The rollups job: rebuild a tenant's rollups when they are stale (after an upgrade or a settings change). */
export async function rebuildStaleRollups(
  ctx: Ctx,
): Promise<{ items: number; buckets: number } | { ready: true }> {
  const state = await getRollupState(ctx.store.db, ctx.tenantId);
  if (state?.status === 'ready') return { ready: true };
  return rebuildRollups(ctx);
}
