import type { ItemFilter } from '../domain/item-filter.js';
import type { KpiSet } from '../domain/kpis/kpi-value.js';
import { WorkledgerError } from '../domain/errors.js';
import { toIso } from '../domain/time.js';
import { requirePermission, type Verb } from './context.js';
import { computeKpiGroups, loadKpiContext, type GroupDimension } from './kpi-groups.js';
import { getTenantSettings } from './tenant-settings.js';

export { GROUP_DIMENSIONS, type GroupDimension } from './kpi-groups.js';

export interface KpiQuery {
  filter: Omit<ItemFilter, 'withHumans' | 'handledBy' | 'outcome' | 'source'>;
  groupBy: GroupDimension[];
  asOf?: number;
}

export interface KpiAnswer {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  baseline_version: number | null;
  filters: Record<string, unknown>;
  group_by: GroupDimension[];
  groups: { key: Record<string, string | number | null>; kpis: KpiSet }[];
}

const MAX_RANGE_MS = 3 * 366 * 86_400_000;

/** Check a KPI window: `to` after `from`, at most 3 years. */
export function checkWindow(from: number, to: number): void {
  if (!(to > from)) throw new WorkledgerError('VALIDATION', 'to: must be after from', 'to');
  if (to - from > MAX_RANGE_MS)
    throw new WorkledgerError('VALIDATION', 'to: the window is at most 3 years', 'to');
}

/** Every KPI of KPIS.md over the items opened in [from, to), grouped as asked. */
export async function getKpis({ ctx, input }: Verb<KpiQuery>): Promise<KpiAnswer> {
  requirePermission(ctx, 'read');
  const { filter, groupBy } = input;
  checkWindow(filter.from, filter.to);
  const tenant = await getTenantSettings(ctx);
  const asOf = input.asOf ?? ctx.now();
  const context = await loadKpiContext(ctx, tenant);
  const groups = await computeKpiGroups(ctx, context, filter, groupBy, asOf);
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    as_of: toIso(asOf),
    currency: tenant.currency,
    baseline_version: context.baseline?.version ?? null,
    filters: Object.fromEntries(
      Object.entries({
        agent: filter.agent,
        workflow: filter.workflow,
        category: filter.category,
        priority: filter.priority,
        channel: filter.channel,
      }).filter(([, v]) => v !== undefined && v.length > 0),
    ),
    group_by: groupBy,
    groups: groups.map((g) => ({ key: g.key, kpis: g.kpis })),
  };
}
