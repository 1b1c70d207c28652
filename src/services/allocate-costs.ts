import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { countAgentItems, listRangeCosts } from '../store/queries/costs.js';
import type { KpiItemRow } from '../store/queries/items-read.js';

/**
 * Cost of each agent item in micro-units (fractional: rounding happens once per total): its attached
 * costs plus its share of every agent range cost, split by count over the agent's items opened in
 * the range (KPIS.md, Costs).
 */
export async function allocateCosts(
  db: Kysely<Database>,
  tenantId: string,
  rows: readonly KpiItemRow[],
  from: number,
  to: number,
): Promise<Map<string, number>> {
  const cost = new Map<string, number>();
  const byAgent = new Map<string, KpiItemRow[]>();
  for (const row of rows) {
    if (row.handled_by === 'human') continue;
    cost.set(row.id, row.item_cost_micros ?? 0);
    const list = byAgent.get(row.handled_by) ?? [];
    list.push(row);
    byAgent.set(row.handled_by, list);
  }
  if (byAgent.size === 0) return cost;
  const ranges = await listRangeCosts(db, tenantId, from, to, [...byAgent.keys()]);
  for (const range of ranges) {
    const end = range.ends_at ?? range.starts_at + 1;
    const base = await countAgentItems(db, tenantId, range.agent_id, range.starts_at, end);
    if (base === 0) continue;
    const share = range.amount_micros / base;
    for (const row of byAgent.get(range.agent_id) ?? []) {
      if (row.opened_at >= range.starts_at && row.opened_at < end)
        cost.set(row.id, (cost.get(row.id) ?? 0) + share);
    }
  }
  return cost;
}
