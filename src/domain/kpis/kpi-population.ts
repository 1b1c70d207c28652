import type { KpiItem } from '../kpi-item.js';
import { resolutionTime } from '../verification.js';

/**
 * An agent item that ended resolved, by the agent or by a human after its escalation (KPIS.md, Like for
 * like): the population of the end-to-end resolution times that compare with the human baseline.
 */
export function isResolvedByAnyone(item: KpiItem): boolean {
  if (item.outcome !== 'resolved' && item.outcome !== 'escalated') return false;
  return resolutionTime(item) !== null;
}

/** How many of `items` pass `test`. */
export function countWhere(items: readonly KpiItem[], test: (item: KpiItem) => boolean): number {
  let count = 0;
  for (const item of items) if (test(item)) count += 1;
  return count;
}
