import type { Kysely } from 'kysely';
import { rangeShareMicros } from '../domain/cost-share.js';
import type { ItemFilter } from '../domain/item-filter.js';
import { HUMAN } from '../domain/kpi-item.js';
import { DAY_MS } from '../domain/time.js';
import type { Database } from '../store/schema.js';
import { listAgentItemOpenings, sumAttachedCostsByKind } from '../store/queries/attached-costs-by-kind.js';
import { listRangeCosts } from '../store/queries/costs.js';
import type { KpiItemRow } from '../store/queries/items-read.js';

/** An agent item's allocated cost in whole micro-units. */
export interface ItemCost {
  total: number;
  /** The part that is amortised one-time (integration) cost, added back for payback. */
  amortisedOneTime: number;
  /** Attached costs and range-cost shares, by cost kind. */
  byKind: Map<string, number>;
}

/** One period of an allocation: its group key (null when the query has no time dimension) and window. */
export interface AllocationPeriod {
  key: string | null;
  from: number;
  to: number;
}

/** A range cost's share of a period in which its agent had no items: kept, shown as unallocated. */
export interface UnallocatedShare {
  agent: string;
  period: AllocationPeriod;
  kind: string;
  micros: number;
}

export interface CostAllocation {
  items: Map<string, ItemCost>;
  unallocated: UnallocatedShare[];
}

/**
 * Cost of each agent item and of each period (KPIS.md, Costs): attached costs belong to their item;
 * a range cost is pro-rated by time, each period's share belongs to that period whether or not the
 * agent worked in it, and is split by count over the agent's items opened in the period (all its
 * items, whatever the cohort filters); a period without items keeps it as unallocated. `periods` must
 * be disjoint, in order, and cover the window the costs are read for.
 */
export async function allocateCosts(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly KpiItemRow[],
  filter: ItemFilter,
  periods: readonly AllocationPeriod[],
): Promise<CostAllocation> {
  const items = new Map<string, ItemCost>();
  for (const row of rows)
    if (row.handled_by !== HUMAN) items.set(row.id, { total: 0, amortisedOneTime: 0, byKind: new Map() });
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return { items, unallocated: [] };
  const window = { ...filter, from: first.from, to: last.to };
  for (const cost of await sumAttachedCostsByKind(db, tenantId, window)) {
    const item = items.get(cost.item_id);
    if (item) add(item, cost.kind, cost.micros);
  }

  const ranges = await listRangeCosts(db, tenantId, window.from, window.to, filter.agent ?? null);
  const rangeAgents = [...new Set(ranges.map((r) => r.agent_id))];
  // Every item of the agent in the period takes part in the split, whatever the cohort filters; the
  // order (opened_at, id) decides who carries the remainder micro-units, so the split is reproducible.
  const sharers = byAgentPeriod(
    hasCohortFilter(filter)
      ? await listAgentItemOpenings(db, tenantId, rangeAgents, window.from, window.to)
      : rows.filter((r) => r.handled_by !== HUMAN),
    periods,
  );
  const unallocated = new Map<string, UnallocatedShare>();
  for (const range of ranges) {
    const cost = {
      amountMicros: range.amount_micros,
      startsAt: range.starts_at,
      endsAt: range.ends_at ?? range.starts_at + DAY_MS,
    };
    periods.forEach((period, index) => {
      const share = rangeShareMicros(cost, period.from, period.to);
      if (share === 0) return;
      const key = `${range.agent_id}|${index}`;
      const list = sharers.get(key) ?? [];
      if (list.length === 0) {
        const id = `${key}|${range.kind}`;
        const kept = unallocated.get(id);
        if (kept) kept.micros += share;
        else unallocated.set(id, { agent: range.agent_id, period, kind: range.kind, micros: share });
        return;
      }
      list.forEach((sharer, position) => {
        const item = items.get(sharer.id);
        if (item) add(item, range.kind, splitMicros(share, list.length, position));
      });
    });
  }
  return { items, unallocated: [...unallocated.values()] };
}

function add(item: ItemCost, kind: string, micros: number): void {
  item.total += micros;
  item.byKind.set(kind, (item.byKind.get(kind) ?? 0) + micros);
  if (kind === 'integration') item.amortisedOneTime += micros;
}

function hasCohortFilter(filter: ItemFilter): boolean {
  return [filter.workflow, filter.category, filter.priority, filter.channel].some(
    (f) => (f?.length ?? 0) > 0,
  );
}

/** The index of the period holding `at`, or -1 (periods are disjoint and in order). */
export function periodIndexOf(periods: readonly AllocationPeriod[], at: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const period = periods[mid];
    if (!period) break;
    if (at < period.from) hi = mid - 1;
    else if (at >= period.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whole micro-units of `total` for the item at `position` of `count`: ⌊total ÷ count⌋, plus one for the first total mod count. */
export function splitMicros(total: number, count: number, position: number): number {
  const base = Math.floor(total / count);
  return base + (position < total - base * count ? 1 : 0);
}

/** The agent items of each (agent, period), ordered by (opened_at, id). */
function byAgentPeriod<T extends { id: string; handled_by: string; opened_at: number }>(
  items: readonly T[],
  periods: readonly AllocationPeriod[],
): Map<string, T[]> {
  const lists = new Map<string, T[]>();
  for (const item of items) {
    const index = periodIndexOf(periods, item.opened_at);
    if (index < 0) continue;
    const key = `${item.handled_by}|${index}`;
    const list = lists.get(key) ?? [];
    list.push(item);
    lists.set(key, list);
  }
  for (const list of lists.values())
    list.sort((a, b) => a.opened_at - b.opened_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return lists;
}
