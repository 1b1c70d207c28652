import { toIso } from '../../domain/time.js';
import { fromMicros } from '../../domain/money.js';
import { requirePermission, type Verb } from '../context.js';
import { checkWindow, echoFilters, type DashboardFilter } from './dashboard-window.js';
import { computeKpiGroups, loadKpiContext, type CostBreakdown } from '../kpis/kpi-groups.js';
import { getTenantSettings } from '../config/tenant-settings.js';

export interface CostsByKind {
  from: string;
  to: string;
  currency: string;
  filters: Record<string, (string | number)[]>;
  /** Every cost component in the order of KPIS.md (Costs), zero when none: the kinds allocated to
   * items, oversight (priced escalation overhead included) and unallocated shares. */
  kinds: { kind: keyof CostBreakdown; amount: number }[];
  /** Equals GET /v1/kpis' total_cost of the same filters (up to a micro-unit per kind). */
  total: number;
}

/** The AI cost of the filter split by component: the very breakdown behind total_cost of GET /v1/kpis. */
export async function getCostsByKind({
  ctx,
  input,
}: Verb<{ filter: DashboardFilter }>): Promise<CostsByKind> {
  requirePermission(ctx, 'read');
  const { filter } = input;
  checkWindow(filter);
  const tenant = await getTenantSettings(ctx);
  const context = await loadKpiContext(ctx, tenant);
  const [group] = await computeKpiGroups(ctx, { ...context, baseline: null }, filter, [], ctx.now());
  const costs = group?.costs;
  // Safe: a breakdown's keys are exactly the cost components (kpi-groups.ts assigns every one).
  const entries = Object.entries(costs ?? {}) as [keyof CostBreakdown, number][];
  const kinds = entries.map(([kind, micros]) => ({ kind, amount: fromMicros(micros) }));
  const totalMicros = group?.costMicros ?? 0;
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    currency: tenant.currency,
    filters: echoFilters(filter),
    kinds,
    total: fromMicros(totalMicros),
  };
}
