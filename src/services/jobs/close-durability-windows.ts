import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Transaction } from 'kysely';
import { resolutionTime, withReworkReversal } from '../../domain/verification.js';
import { toKpiItem } from '../../store/item-row.js';
import type { Database } from '../../store/schema.js';
import { listItemsDueForDurability } from '../../store/queries/items-read.js';
import { listLinksOfItems } from '../../store/queries/audited-rows.js';
import { markDurable, setItemVerification, type ItemRow } from '../../store/queries/items-write.js';
import { lockTenant } from '../../store/queries/tenants.js';
import { requirePermission, withTransaction, type Ctx } from '../context.js';
import { emitAudit } from '../audit/emit-audit.js';
import { itemLeaves } from '../audit/row-leaf.js';
import { applyItemRollups } from '../rollups/apply-item-rollups.js';
import { itemWriteSettings } from '../rollups/rollup-settings.js';

/**
 * Items per transaction: about 25 ms of work each at 100k items (measured), so a writer on the request
 * thread that waits for SQLite's lock behind one chunk waits well under 50 ms.
 */
const CHUNK = 200;

/**
 * Close the durability windows that have passed, from the settles_at index in bounded chunks: each agent
 * resolution becomes durable, or reversed when rework was opened inside its window. One transaction,
 * one audit entry and the rollups' update per chunk; it yields to the event loop between chunks.
 */
export async function closeDurabilityWindows(
  ctx: Ctx,
  batchSize = CHUNK,
): Promise<{ durable: number; reversed: number }> {
  requirePermission(ctx, 'configure');
  const totals = { durable: 0, reversed: 0 };
  for (;;) {
    const done = await withTransaction(ctx, async (tx) => {
      await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
      const settings = await itemWriteSettings(tx, ctx.tenantId, ctx.now());
      const window = settings.durabilityWindowMs;
      const due = await listItemsDueForDurability(tx, ctx.tenantId, ctx.now(), batchSize);
      if (due.length === 0) return true;
      const after: ItemRow[] = [];
      const durable: ItemRow[] = [];
      for (const row of due) {
        const item = withReworkReversal(toKpiItem(row), window);
        if (item.reversedAt !== null) {
          // rework inside the window that the ingest did not see (rows stored before rework was kept)
          const change = { reversed_at: item.reversedAt, reversal_reason: 'rework', settles_at: null };
          await setItemVerification(tx, ctx.tenantId, row.id, change);
          after.push({ ...row, ...change });
        } else {
          const resolved = resolutionTime(item) ?? row.opened_at;
          const next = { ...row, durable_at: resolved + window, settles_at: null };
          durable.push(next);
          after.push(next);
        }
      }
      // one statement for the durable ones: durable_at is when the window closed, i.e. settles_at
      await markDurable(
        tx,
        ctx.tenantId,
        durable.map((r) => r.id),
      );
      const byId = new Map(after.map((r) => [r.id, r]));
      await applyItemRollups(
        tx,
        ctx.tenantId,
        due.flatMap((before) => {
          const now = byId.get(before.id);
          return now ? [{ before, after: now }] : [];
        }),
        settings,
        ctx.store.dialect.maxParameters,
      );
      const ids = due.map((r) => r.id);
      const batch = { durable: durable.length, reversed: due.length - durable.length };
      await emitAudit(tx, ctx, {
        action: 'items.close_durability_windows',
        subject: 'items',
        detail: batch,
        leaves: await writtenItemLeaves(tx, ctx.tenantId, after, ids),
      });
      totals.durable += batch.durable;
      totals.reversed += batch.reversed;
      return due.length < batchSize;
    });
    if (done) return totals;
    await yieldToEventLoop();
  }
}

/** The leaves of these items as they now stand: each row's digest, with its links. */
async function writtenItemLeaves(
  tx: Transaction<Database>,
  tenantId: string,
  rows: Parameters<typeof itemLeaves>[0],
  ids: readonly string[],
) {
  return itemLeaves(rows, await listLinksOfItems(tx, tenantId, ids));
}
