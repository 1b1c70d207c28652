import type { Transaction } from 'kysely';
import { itemId } from '../../domain/item-record.js';
import { parseOutcome } from '../../domain/kpi-item.js';
import { settlesAt } from '../../domain/verification.js';
import { getItemsByIds, type ItemRow } from '../../store/queries/items-write.js';
import { earliestReworkOpenings, setItemRework } from '../../store/queries/rework.js';
import type { Database } from '../../store/schema.js';
import type { ItemChange } from '../rollups/apply-item-rollups.js';

/**
 * An item row with its rework facts brought up to date: the earliest later item naming it
 * caused_by/follow_up_of, which reverses an agent resolution it follows within the durability window
 * (at that item's opened_at; a reversal is never undone), and when its window closes if still pending.
 */
export function withReworkFacts(row: ItemRow, opening: number | null, durabilityWindowMs: number): ItemRow {
  const resolved = row.resolved_at ?? row.closed_at;
  const reverses =
    opening !== null &&
    row.reversed_at === null &&
    row.handled_by !== 'human' &&
    row.outcome === 'resolved' &&
    resolved !== null &&
    opening >= resolved &&
    opening - resolved <= durabilityWindowMs;
  const next: ItemRow = {
    ...row,
    rework_opened_at: opening,
    reversed_at: reverses ? opening : row.reversed_at,
    reversal_reason: reverses ? 'rework' : row.reversal_reason,
  };
  return {
    ...next,
    settles_at: settlesAt(
      {
        handledBy: next.handled_by,
        outcome: parseOutcome(next.outcome),
        resolvedAt: next.resolved_at,
        closedAt: next.closed_at,
        reversedAt: next.reversed_at,
        disputedAt: next.disputed_at,
        durableAt: next.durable_at,
      },
      durabilityWindowMs,
    ),
  };
}

/**
 * Keep rework true after a batch wrote `batch` and links to `linkTargets`: recompute the earliest rework
 * opening of every item the batch may have touched (its own items, and the targets of links it added or
 * removed), update the rows it changes, and return the changed rows outside the batch (the batch's own
 * are updated in `batch`).
 */
export async function keepRework(
  tx: Transaction<Database>,
  tenantId: string,
  durabilityWindowMs: number,
  batch: Map<string, ItemRow>,
  linkTargets: readonly { source: string; externalId: string }[],
): Promise<ItemChange[]> {
  const targetIds = new Set(batch.keys());
  for (const target of linkTargets) targetIds.add(itemId(target.source, target.externalId));
  const openings = await earliestReworkOpenings(tx, tenantId, [...targetIds]);
  const outsideIds = [...targetIds].filter((id) => !batch.has(id));
  const outside = outsideIds.length ? await getItemsByIds(tx, tenantId, outsideIds) : [];
  const changed: ItemChange[] = [];
  const update = async (row: ItemRow): Promise<ItemRow | null> => {
    const next = withReworkFacts(row, openings.get(row.id) ?? null, durabilityWindowMs);
    if (
      next.rework_opened_at === row.rework_opened_at &&
      next.reversed_at === row.reversed_at &&
      next.settles_at === row.settles_at
    )
      return null;
    await setItemRework(tx, tenantId, row.id, {
      rework_opened_at: next.rework_opened_at,
      reversed_at: next.reversed_at,
      reversal_reason: next.reversal_reason,
      settles_at: next.settles_at,
    });
    return next;
  };
  for (const [id, row] of batch) {
    const next = await update(row);
    if (next) batch.set(id, next);
  }
  for (const row of outside) {
    const next = await update(row);
    if (next) changed.push({ before: row, after: next });
  }
  return changed;
}
