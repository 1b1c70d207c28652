import { DAY_MS, toIso } from '../domain/time.js';
import { fromMicros } from '../domain/money.js';
import { COST_KINDS } from '../domain/item-input.js';
import { countAgentItemsByDay, listRangeCosts } from '../store/queries/costs.js';
import { listAgentItemFacts } from '../store/queries/dashboard-agent-items.js';
import { listAttachedCosts } from '../store/queries/dashboard-attached-costs.js';
import { reader, requirePermission, type Verb } from './context.js';
import { checkWindow, echoFilters, type DashboardFilter } from './dashboard-window.js';
import { getTenantSettings } from './tenant-settings.js';

export interface CostsByKind {
  from: string;
  to: string;
  currency: string;
  filters: Record<string, readonly (string | number)[]>;
  /** Every cost kind, in the order of KPIS.md (Costs), zero when none. */
  kinds: { kind: string; amount: number }[];
  /** Equals GET /v1/kpis' total_cost of the same filters (up to a micro-unit per kind). */
  total: number;
}

/**
 * The AI cost of the filter's agent items split by kind, allocated exactly as total_cost is (see
 * services/allocate-costs.ts): attached costs as they are, and each range cost's daily part split by
 * count over the agent's items opened that day, of which the filter's items take their share.
 */
export async function getCostsByKind({
  ctx,
  input,
}: Verb<{ filter: DashboardFilter }>): Promise<CostsByKind> {
  requirePermission(ctx, 'read');
  const { filter } = input;
  checkWindow(filter);
  const db = reader(ctx);
  const tenant = await getTenantSettings(ctx);
  const micros = new Map<string, number>(COST_KINDS.map((k) => [k, 0]));
  const add = (kind: string, amount: number) => micros.set(kind, (micros.get(kind) ?? 0) + amount);
  for (const cost of await listAttachedCosts(db, ctx.tenantId, filter)) add(cost.kind, cost.amount_micros);

  const openings = new Map<string, number[]>();
  for (const item of await listAgentItemFacts(db, ctx.tenantId, filter)) {
    const key = `${item.handled_by}|${Math.floor(item.opened_at / DAY_MS)}`;
    const list = openings.get(key) ?? [];
    list.push(item.opened_at);
    openings.set(key, list);
  }
  const agents = [...new Set([...openings.keys()].map((k) => k.slice(0, k.lastIndexOf('|'))))];
  if (agents.length > 0) {
    for (const range of await listRangeCosts(db, ctx.tenantId, filter.from, filter.to, agents)) {
      const end = range.ends_at ?? range.starts_at + DAY_MS;
      const span = end - range.starts_at;
      const lo = Math.max(range.starts_at, Math.floor(filter.from / DAY_MS) * DAY_MS);
      const hi = Math.min(end, Math.ceil(filter.to / DAY_MS) * DAY_MS);
      const counts = await countAgentItemsByDay(db, ctx.tenantId, range.agent_id, lo, hi);
      for (let dayStart = Math.floor(lo / DAY_MS) * DAY_MS; dayStart < hi; dayStart += DAY_MS) {
        const day = dayStart / DAY_MS;
        const base = counts.get(day);
        if (!base) continue;
        const overlap = Math.min(dayStart + DAY_MS, end) - Math.max(dayStart, range.starts_at);
        if (overlap <= 0) continue;
        const taken = (openings.get(`${range.agent_id}|${day}`) ?? []).filter(
          (openedAt) => openedAt >= range.starts_at && openedAt < end,
        ).length;
        add(range.kind, ((range.amount_micros * overlap) / span / base) * taken);
      }
    }
  }
  const kinds = [...micros].map(([kind, amount]) => ({ kind, amount: fromMicros(Math.round(amount)) }));
  const totalMicros = Math.round([...micros.values()].reduce((a, b) => a + b, 0));
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    currency: tenant.currency,
    filters: echoFilters(filter),
    kinds,
    total: fromMicros(totalMicros),
  };
}
