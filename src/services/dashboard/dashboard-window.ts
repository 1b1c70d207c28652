import { WorkledgerError } from '../../domain/errors.js';
import type { ItemFilter } from '../../domain/item-filter.js';

const MAX_RANGE_MS = 3 * 366 * 86_400_000;

/** The dashboard's read verbs take the same window as GET /v1/kpis: `to` after `from`, at most 3 years. */
export function checkWindow(filter: Pick<ItemFilter, 'from' | 'to'>): void {
  if (!(filter.to > filter.from)) throw new WorkledgerError('VALIDATION', 'to: must be after from', 'to');
  if (filter.to - filter.from > MAX_RANGE_MS)
    throw new WorkledgerError('VALIDATION', 'to: the window is at most 3 years', 'to');
}

/** The KPI filters a dashboard view accepts (no outcome or handler: the views choose those). */
export type DashboardFilter = Omit<ItemFilter, 'withHumans' | 'handledBy' | 'outcome' | 'source'>;

/** The list filters that are set, as GET /v1/kpis echoes them. */
export function echoFilters(filter: DashboardFilter): Record<string, (string | number)[]> {
  const lists = {
    agent: filter.agent,
    workflow: filter.workflow,
    category: filter.category,
    priority: filter.priority,
    channel: filter.channel,
  };
  return Object.fromEntries(
    Object.entries(lists).flatMap(([name, v]) => (v !== undefined && v.length > 0 ? [[name, [...v]]] : [])),
  );
}
