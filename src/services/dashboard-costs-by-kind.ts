import { toIso } from '../domain/time.js';
import { fromMicros } from '../domain/money.js';
import { COST_KINDS } from '../domain/item-input.js';
import { listKpiItemRows } from '../store/queries/items-read.js';
import { allocateCosts } from './allocate-costs.js';
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
 * The AI cost of the filter's agent items split by kind, allocated by the same allocateCosts as
 * total_cost: attached costs as they are, range costs by their daily shares.
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

  const rows = await listKpiItemRows(db, ctx.tenantId, { ...filter, handledBy: 'agent' });
  for (const item of (await allocateCosts(db, ctx.tenantId, rows, filter.from, filter.to)).values()) {
    for (const [kind, amount] of item.rangeByKind) add(kind, amount);
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
