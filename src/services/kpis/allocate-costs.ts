import type { Kysely } from 'kysely';
import { rangeShareMicros } from '../../domain/cost-share.js';
import type { ItemFilter } from '../../domain/item-filter.js';
import { DAY_MS } from '../../domain/time.js';
import type { Database } from '../../store/schema.js';
import { listRangeCosts } from '../../store/queries/costs.js';

/** One period of an allocation: its group key (null when the query has no time dimension) and window. */
export interface AllocationPeriod {
  key: string | null;
  from: number;
  to: number;
}

/** How many items (any outcome, open ones too) an agent had in one group of one period. */
export interface ItemCount {
  group: string;
  agent: string;
  period: number;
  items: number;
}

/** A range cost's share of a period in which its agent had no items: kept, shown as unallocated. */
export interface UnallocatedShare {
  agent: string;
  period: AllocationPeriod;
  kind: string;
  micros: number;
}

export interface RangeAllocation {
  /** Range-cost shares of each group, by kind, whole micro-units. */
  byGroup: Map<string, Map<string, number>>;
  unallocated: UnallocatedShare[];
}

/**
 * Range costs over the periods of a query (KPIS.md, Costs): each cost is pro-rated by time, each
 * period's share belongs to that period whether or not the agent worked in it, and is split over the
 * agent's items of the period by count — `totals` counts all of them whatever the cohort filters — in
 * whole micro-units: when the groups hold all the agent's items the remainder micro-units go to the
 * largest fractions, so the groups add up exactly; a period without items keeps its share unallocated.
 */
export async function allocateRangeCosts(
  db: Kysely<Database>,
  tenantId: string,
  filter: Pick<ItemFilter, 'agent'>,
  periods: readonly AllocationPeriod[],
  counts: readonly ItemCount[],
  totals: ReadonlyMap<string, number>,
): Promise<RangeAllocation> {
  const byGroup = new Map<string, Map<string, number>>();
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return { byGroup, unallocated: [] };
  const cells = new Map<string, ItemCount[]>();
  for (const count of counts) {
    if (count.items <= 0) continue;
    const key = `${count.agent}|${count.period}`;
    const list = cells.get(key) ?? [];
    list.push(count);
    cells.set(key, list);
  }
  for (const list of cells.values())
    list.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const unallocated = new Map<string, UnallocatedShare>();
  const add = (group: string, kind: string, micros: number) => {
    const kinds = byGroup.get(group) ?? new Map<string, number>();
    kinds.set(kind, (kinds.get(kind) ?? 0) + micros);
    byGroup.set(group, kinds);
  };
  for (const range of await listRangeCosts(db, tenantId, first.from, last.to, filter.agent ?? null)) {
    const cost = {
      amountMicros: range.amount_micros,
      startsAt: range.starts_at,
      endsAt: range.ends_at ?? range.starts_at + DAY_MS,
    };
    periods.forEach((period, index) => {
      const share = rangeShareMicros(cost, period.from, period.to);
      if (share === 0) return;
      const key = `${range.agent_id}|${index}`;
      const total = totals.get(key) ?? 0;
      if (total === 0) {
        const id = `${key}|${range.kind}`;
        const kept = unallocated.get(id);
        if (kept) kept.micros += share;
        else unallocated.set(id, { agent: range.agent_id, period, kind: range.kind, micros: share });
        return;
      }
      const list = cells.get(key) ?? [];
      for (const [i, micros] of splitByCount(
        share,
        list.map((c) => c.items),
        total,
      ).entries()) {
        const cell = list[i];
        if (cell && micros !== 0) add(cell.group, range.kind, micros);
      }
    });
  }
  return { byGroup, unallocated: [...unallocated.values()] };
}

/**
 * `total` micro-units split over counts out of `base`: share × count ÷ base each, in whole micro-units.
 * When the counts are all of `base` the floors are topped up by the largest remainders (ties: the earlier
 * count), so the parts add up to `total` exactly; otherwise each part is rounded half up.
 */
export function splitByCount(total: number, counts: readonly number[], base: number): number[] {
  const t = BigInt(total);
  const b = BigInt(base);
  const covered = counts.reduce((a, c) => a + c, 0) === base;
  if (!covered) return counts.map((c) => Number((2n * t * BigInt(c) + b) / (2n * b)));
  const parts = counts.map((c) => (t * BigInt(c)) / b);
  const remainders = counts.map((c, i) => ({ i, r: (t * BigInt(c)) % b }));
  let left = Number(t - parts.reduce((a, p) => a + p, 0n));
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1;
  }
  return parts.map(Number);
}
