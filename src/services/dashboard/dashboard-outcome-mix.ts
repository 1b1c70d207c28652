import { OUTCOMES, type Outcome } from '../../domain/kpi-item.js';
import { toIso } from '../../domain/time.js';
import { listAgentItemFacts } from '../../store/queries/dashboard-agent-items.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { checkWindow, echoFilters, type DashboardFilter } from './dashboard-window.js';

export interface OutcomeMix {
  from: string;
  to: string;
  filters: Record<string, (string | number)[]>;
  group_by: 'agent'[];
  groups: { key: Record<string, string>; counts: Record<Outcome, number>; total: number }[];
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
      counts: zeroCounts(),
      total: 0,
    };
    const outcome = OUTCOMES.find((o) => o === item.outcome);
    if (outcome !== undefined) group.counts[outcome] += 1;
    group.total += 1;
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  if (!input.byAgent && ordered.length === 0) ordered.push({ key: {}, counts: zeroCounts(), total: 0 });
  return {
    from: toIso(input.filter.from),
    to: toIso(input.filter.to),
    filters: echoFilters(input.filter),
    group_by: input.byAgent ? ['agent'] : [],
    groups: ordered,
  };
}

function zeroCounts(): Record<Outcome, number> {
  return { resolved: 0, escalated: 0, failed: 0, abandoned: 0, open: 0 } satisfies Record<Outcome, number>;
}
