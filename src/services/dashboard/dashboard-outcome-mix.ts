import { OUTCOMES } from '../../domain/kpi-item.js';
import { toIso } from '../../domain/time.js';
import { listAgentItemFacts } from '../../store/queries/dashboard-agent-items.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { checkWindow, echoFilters, type DashboardFilter } from './dashboard-window.js';

export interface OutcomeMix {
  from: string;
  to: string;
  filters: Record<string, readonly (string | number)[]>;
  group_by: 'agent'[];
  groups: { key: Record<string, string>; counts: Record<string, number>; total: number }[];
}

/** How the filter's agent items ended (resolved, escalated, failed, abandoned, still open), counted. */
export async function getOutcomeMix({
  ctx,
  input,
}: Verb<{ filter: DashboardFilter; byAgent: boolean }>): Promise<OutcomeMix> {
  requirePermission(ctx, 'read');
  checkWindow(input.filter);
  const groups = new Map<string, OutcomeMix['groups'][number]>();
  for (const item of await listAgentItemFacts(reader(ctx), ctx.tenantId, input.filter)) {
    const key = input.byAgent ? item.handled_by : '';
    const group = groups.get(key) ?? {
      key: input.byAgent ? { agent: item.handled_by } : {},
      counts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])),
      total: 0,
    };
    group.counts[item.outcome] = (group.counts[item.outcome] ?? 0) + 1;
    group.total += 1;
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  if (!input.byAgent && ordered.length === 0)
    ordered.push({ key: {}, counts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])), total: 0 });
  return {
    from: toIso(input.filter.from),
    to: toIso(input.filter.to),
    filters: echoFilters(input.filter),
    group_by: input.byAgent ? ['agent'] : [],
    groups: ordered,
  };
}
