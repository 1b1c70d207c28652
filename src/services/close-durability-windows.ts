import { canonicalJson } from '../domain/audit/canonical-json.js';
import { merkleLeafHash } from '../domain/audit/merkle.js';
import { resolutionTime, withReworkReversal } from '../domain/verification.js';
import { toKpiItem } from '../store/item-row.js';
import { listItemsDueForDurability } from '../store/queries/items-read.js';
import { setItemVerification } from '../store/queries/items-write.js';
import { requirePermission, withTransaction, type Ctx } from './context.js';
import { emitAudit } from './emit-audit.js';
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
      const leaves: { leafHash: string; subject: string }[] = [];
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
        leaves.push({ leafHash: merkleLeafHash(canonicalJson({ id: row.id, ...change })), subject: row.id });
      }
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
