import type { Kysely } from 'kysely';
import { DAY_MS } from '../domain/time.js';
import type { Database } from '../store/schema.js';
import { countAgentItemsByDay, listRangeCosts } from '../store/queries/costs.js';
import type { KpiItemRow } from '../store/queries/items-read.js';

/** An agent item's allocated cost in micro-units (fractional; rounded once per total). */
export interface ItemCost {
  total: number;
  /** The part that is amortised one-time (integration) cost, added back for payback. */
  amortisedOneTime: number;
  /** The range-cost shares by cost kind (attached costs are not in it). */
  rangeByKind: Map<string, number>;
}

/**
 * Cost of each agent item: its attached costs plus its share of every agent range cost (KPIS.md,
 * Costs). A range cost is pro-rated by time over its range (licences by day, integration over its
 * amortisation months), and each UTC day's part is split by count over the agent's items opened that
 * day. A day without items keeps its part unallocated, so costs never move between periods.
 */
export async function allocateCosts(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly KpiItemRow[],
  from: number,
  to: number,
): Promise<Map<string, ItemCost>> {
  const cost = new Map<string, ItemCost>();
  const byAgentDay = new Map<string, KpiItemRow[]>();
  const agents = new Set<string>();
  for (const row of rows) {
    if (row.handled_by === 'human') continue;
    cost.set(row.id, { total: row.item_cost_micros ?? 0, amortisedOneTime: 0, rangeByKind: new Map() });
    agents.add(row.handled_by);
    const key = `${row.handled_by}|${Math.floor(row.opened_at / DAY_MS)}`;
    const list = byAgentDay.get(key) ?? [];
    list.push(row);
    byAgentDay.set(key, list);
  }
  if (agents.size === 0) return cost;
  for (const range of await listRangeCosts(db, tenantId, from, to, [...agents])) {
    const end = range.ends_at ?? range.starts_at + DAY_MS;
    const span = end - range.starts_at;
    // Whole days, so an item's share does not depend on where the query's window cuts its day.
    const lo = Math.max(range.starts_at, Math.floor(from / DAY_MS) * DAY_MS);
    const hi = Math.min(end, Math.ceil(to / DAY_MS) * DAY_MS);
    const counts = await countAgentItemsByDay(db, tenantId, range.agent_id, lo, hi);
    for (let dayStart = Math.floor(lo / DAY_MS) * DAY_MS; dayStart < hi; dayStart += DAY_MS) {
      const day = dayStart / DAY_MS;
      const base = counts.get(day);
      if (!base) continue;
      const overlap = Math.min(dayStart + DAY_MS, end) - Math.max(dayStart, range.starts_at);
      if (overlap <= 0) continue;
      const share = (range.amount_micros * overlap) / span / base;
      for (const row of byAgentDay.get(`${range.agent_id}|${day}`) ?? []) {
        if (row.opened_at < range.starts_at || row.opened_at >= end) continue;
        const item = cost.get(row.id);
        if (!item) continue;
        item.total += share;
        item.rangeByKind.set(range.kind, (item.rangeByKind.get(range.kind) ?? 0) + share);
        if (range.kind === 'integration') item.amortisedOneTime += share;
      }
    }
  }
  return cost;
}
