import type { Transaction } from 'kysely';
import { resolutionTime, withReworkReversal } from '../domain/verification.js';
import { toKpiItem } from '../store/item-row.js';
import type { Database } from '../store/schema.js';
import { listItemsDueForDurability } from '../store/queries/items-read.js';
import { listLinksOfItems } from '../store/queries/audited-rows.js';
import { getItemsByIds, setItemVerification } from '../store/queries/items-write.js';
import { requirePermission, withTransaction, type Ctx } from './context.js';
import { emitAudit } from './emit-audit.js';
import { itemLeaves } from './row-leaf.js';
import { getTenantSettings } from './tenant-settings.js';

/**
 * Close the durability windows that have passed: each agent resolution becomes durable, or reversed
 * when rework was opened inside its window. One transaction and one audit entry per batch.
 */
export async function closeDurabilityWindows(
  ctx: Ctx,
  batchSize = 2_000,
): Promise<{ durable: number; reversed: number }> {
  requirePermission(ctx, 'configure');
  const tenant = await getTenantSettings(ctx);
  const window = tenant.durability_window_ms;
  const totals = { durable: 0, reversed: 0 };
  for (;;) {
    const done = await withTransaction(ctx, async (tx) => {
      const due = await listItemsDueForDurability(tx, ctx.tenantId, ctx.now() - window, batchSize);
      if (due.length === 0) return true;
      let durable = 0;
      for (const row of due) {
        const item = withReworkReversal(toKpiItem(row), window);
        const resolved = resolutionTime(item) ?? row.opened_at;
        const change =
          item.reversedAt !== null
            ? { reversed_at: item.reversedAt, reversal_reason: 'rework' }
            : { durable_at: resolved + window };
        if ('durable_at' in change) durable += 1;
        await setItemVerification(tx, ctx.tenantId, row.id, change);
      }
      const leaves = await writtenItemLeaves(
        tx,
        ctx.tenantId,
        due.map((r) => r.id),
      );
      const batch = { durable, reversed: due.length - durable };
      await emitAudit(tx, ctx, {
        action: 'items.close_durability_windows',
        subject: 'items',
        detail: batch,
        leaves,
      });
      totals.durable += batch.durable;
      totals.reversed += batch.reversed;
      return due.length < batchSize;
    });
    if (done) return totals;
  }
}

/** The leaves of these items as they now stand: each row's digest, read back after the update. */
async function writtenItemLeaves(tx: Transaction<Database>, tenantId: string, ids: readonly string[]) {
  return itemLeaves(await getItemsByIds(tx, tenantId, ids), await listLinksOfItems(tx, tenantId, ids));
}
