import type { ItemCohort } from '../baseline/cohort-key.js';
import type { KpiItem } from '../kpi-item.js';
import { verificationStateAt } from '../verification.js';
import { emptyTally, tallyItem, type TallyCell, type TallyOptions } from './tally.js';

/** The full cohort of an item (workflow × category × priority × channel), as rollups key it. */
export function fullCohortOf(item: ItemCohort): ItemCohort {
  return {
    workflow: item.workflow,
    category: item.category,
    priority: item.priority,
    channel: item.channel,
  };
}

/** A map key of a handler and a full cohort. */
export function cellKey(handler: string, cohort: ItemCohort): string {
  return JSON.stringify([handler, cohort.workflow, cohort.category, cohort.priority, cohort.channel]);
}

/**
 * Tally items by handler and full cohort, each agent resolution in its verification state as of `asOf`:
 * the raw path, for partial days, past as-of times and drill-downs, and what computeKpis stands on.
 */
export function tallyItems(
  items: readonly KpiItem[],
  asOf: number,
  durabilityWindowMs: number,
  options: TallyOptions,
): TallyCell[] {
  const cells = new Map<string, TallyCell>();
  for (const item of items) {
    const key = cellKey(item.handledBy, item);
    let cell = cells.get(key);
    if (!cell) {
      cell = { handler: item.handledBy, cohort: fullCohortOf(item), tally: emptyTally() };
      cells.set(key, cell);
    }
    tallyItem(cell.tally, item, verificationStateAt(item, asOf, durabilityWindowMs), options);
  }
  return [...cells.values()];
}
