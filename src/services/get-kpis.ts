import { z } from 'zod';
import { computeKpis } from '../domain/kpis/compute-kpis.js';
import type { KpiSet } from '../domain/kpis/kpi-value.js';
import type { KpiItem } from '../domain/kpi-item.js';
import { WorkledgerError } from '../domain/errors.js';
import { periodKey } from '../domain/period-key.js';
import { withReworkReversal } from '../domain/verification.js';
import { toIso } from '../domain/time.js';
import type { ItemFilter } from '../store/item-filter.js';
import { toKpiItem } from '../store/item-row.js';
import { listKpiItemRows } from '../store/queries/items-read.js';
import { listAgents } from '../store/queries/agents.js';
import { listWorkflows } from '../store/queries/workflows.js';
import { AgentScope } from '../domain/config-input.js';
import { reader, requirePermission, type Verb } from './context.js';
import { allocateCosts } from './allocate-costs.js';
import { getTenantSettings } from './tenant-settings.js';

export const GROUP_DIMENSIONS = [
  'agent',
  'workflow',
  'category',
  'priority',
  'channel',
  'day',
  'week',
  'month',
] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

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
  filters: Record<string, unknown>;
  group_by: GroupDimension[];
  groups: { key: Record<string, string | number | null>; kpis: KpiSet }[];
}

const MAX_RANGE_MS = 3 * 366 * 86_400_000;

/** Every KPI of KPIS.md over the items opened in [from, to), grouped as asked. */
export async function getKpis({ ctx, input }: Verb<KpiQuery>): Promise<KpiAnswer> {
  requirePermission(ctx, 'read');
  const { filter, groupBy } = input;
  if (!(filter.to > filter.from)) throw new WorkledgerError('VALIDATION', 'to: must be after from', 'to');
  if (filter.to - filter.from > MAX_RANGE_MS)
    throw new WorkledgerError('VALIDATION', 'to: the window is at most 3 years', 'to');
  const db = reader(ctx);
  const tenant = await getTenantSettings(ctx);
  const asOf = input.asOf ?? ctx.now();
  const sla = new Map(
    (await listWorkflows(db, ctx.tenantId)).map((w) => [
      w.id,
      z.record(z.string(), z.number()).parse(JSON.parse(w.sla_hours)),
    ]),
  );
  const scopes = new Map(
    (await listAgents(db, ctx.tenantId)).map((a) => [
      a.id,
      a.scope ? AgentScope.parse(JSON.parse(a.scope)) : null,
    ]),
  );
  const rows = await listKpiItemRows(db, ctx.tenantId, { ...filter, withHumans: true });
  const costs = await allocateCosts(db, ctx.tenantId, rows, filter.from, filter.to);
  const items = rows.map((r) => withReworkReversal(toKpiItem(r), tenant.durability_window_ms));

  const groups = groupItems(items, groupBy, tenant.time_zone);
  const answer: KpiAnswer['groups'] = [];
  for (const { key, members } of groups) {
    const totalCost = members.reduce((sum, item) => sum + (costs.get(item.id) ?? 0), 0);
    answer.push({
      key,
      kpis: computeKpis({
        items: members,
        asOf,
        durabilityWindowMs: tenant.durability_window_ms,
        reworkWindowMs: tenant.rework_window_ms,
        slaHours: (workflow, priority) =>
          workflow === null || priority === null ? null : (sla.get(workflow)?.[String(priority)] ?? null),
        agentScope: (agentId) => scopes.get(agentId) ?? null,
        totalCostMicros: Math.round(totalCost),
        seed: 20_260_101,
      }),
    });
  }
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    as_of: toIso(asOf),
    currency: tenant.currency,
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
    groups: answer,
  };
}

type GroupKey = Record<string, string | number | null>;

/**
 * Split items by the group dimensions. Human items carry no agent: under `agent` grouping they join
 * every agent's group (they only count towards coverage there), and form no group of their own.
 */
function groupItems(
  items: readonly KpiItem[],
  groupBy: readonly GroupDimension[],
  timeZone: string,
): { key: GroupKey; members: KpiItem[] }[] {
  const byAgent = groupBy.includes('agent');
  const groups = new Map<string, { key: GroupKey; members: KpiItem[] }>();
  const humansByRest = new Map<string, KpiItem[]>();
  const dims = groupBy.filter((d) => d !== 'agent');
  const restKey = (item: KpiItem): GroupKey =>
    Object.fromEntries(dims.map((d) => [d, dimensionValue(item, d, timeZone)]));
  for (const item of items) {
    const rest = restKey(item);
    if (byAgent && item.handledBy === 'human') {
      const k = JSON.stringify(rest);
      const list = humansByRest.get(k) ?? [];
      list.push(item);
      humansByRest.set(k, list);
      continue;
    }
    const key: GroupKey = byAgent ? { agent: item.handledBy, ...rest } : rest;
    const k = JSON.stringify(key);
    const group = groups.get(k) ?? { key, members: [] };
    group.members.push(item);
    groups.set(k, group);
  }
  if (byAgent) {
    for (const group of groups.values()) {
      const { agent, ...rest } = group.key;
      group.members.push(...(humansByRest.get(JSON.stringify(rest)) ?? []));
    }
  }
  const ordered = [...groups.values()].map((g) => ({ key: orderKey(g.key, groupBy), members: g.members }));
  ordered.sort((a, b) => compareKeys(a.key, b.key, groupBy));
  if (groupBy.length === 0 && ordered.length === 0) return [{ key: {}, members: [] }];
  return ordered;
}

function orderKey(key: GroupKey, groupBy: readonly GroupDimension[]): GroupKey {
  return Object.fromEntries(groupBy.map((d) => [d, key[d] ?? null]));
}

function compareKeys(a: GroupKey, b: GroupKey, groupBy: readonly GroupDimension[]): number {
  for (const d of groupBy) {
    const x = a[d] ?? null;
    const y = b[d] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function dimensionValue(item: KpiItem, dim: GroupDimension, timeZone: string): string | number | null {
  switch (dim) {
    case 'agent':
      return item.handledBy;
    case 'workflow':
      return item.workflow;
    case 'category':
      return item.category;
    case 'priority':
      return item.priority;
    case 'channel':
      return item.channel;
    case 'day':
    case 'week':
    case 'month':
      return periodKey(item.openedAt, dim, timeZone);
    default: {
      const unreachable: never = dim;
      return String(unreachable);
    }
  }
}
