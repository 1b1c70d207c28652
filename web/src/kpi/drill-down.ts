import type { KpiName, KpiPart } from '../api/answers.js';
import { formatCount } from '../format/kpi-format.js';
import { KPI_CATALOG } from './catalog.js';

/**
 * The items page listing exactly what a KPI counts (GET /v1/items?kpi=NAME&part=…), in the period and
 * filters of `query`; null for a KPI the server lists no side of.
 */
export function drillDownPath(name: KpiName, query: string): string | null {
  const part = KPI_CATALOG[name].drillDown;
  if (part === null) return null;
  const params = new URLSearchParams(query);
  params.set('kpi', name);
  params.set('part', part);
  return `/items?${params.toString()}`;
}

/** "109 items in the numerator of Escalation rate", from the server's count. */
export function drillDownTitle(name: KpiName, part: KpiPart, count: number, locale: string): string {
  const items = count === 1 ? 'item' : 'items';
  return `${formatCount(count, locale)} ${items} in the ${part} of ${KPI_CATALOG[name].label}`;
}
