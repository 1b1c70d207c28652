import { AgentScope } from '../domain/config-input.js';
import type { Baseline } from '../domain/baseline/baseline.js';
import { loadedHourlyRateMicros, RateCard } from '../domain/baseline/rate-card.js';
import { COST_KINDS, type CostKind } from '../domain/item-input.js';
import type { ItemFilter } from '../domain/item-filter.js';
import { computeKpis } from '../domain/kpis/compute-kpis.js';
import { tallyItems } from '../domain/kpis/tally-items.js';
import type { KpiSet } from '../domain/kpis/kpi-value.js';
import { HUMAN, type KpiItem } from '../domain/kpi-item.js';
import { windowAsOf } from '../domain/maturity.js';
import { periodBuckets, periodKey, type PeriodUnit } from '../domain/period-key.js';
import { DAY_MS } from '../domain/time.js';
import { AVERAGE_MONTH_MS, monthsBetween } from '../domain/value/months.js';
import {
  baselineBeside,
  type BaselineBesideName,
  type BaselineFigure,
} from '../domain/value/baseline-beside.js';
import {
  escalationOverheadMinutes,
  OVERSIGHT_UNPRICED,
  oversightCostMicros,
} from '../domain/value/oversight.js';
import { computeValueKpis, type SinceGoLive, type ValueKpiResult } from '../domain/value/value-kpis.js';
import { asItStood, withReworkReversal } from '../domain/verification.js';
import { toKpiItem } from '../store/item-row.js';
import { listAgents } from '../store/queries/agents.js';
import { getLatestBaseline, getRateCard, listDeployments } from '../store/queries/baselines.js';
import { sumOneTimeCosts } from '../store/queries/costs.js';
import { listKpiItemRows } from '../store/queries/items-read.js';
import type { TenantRow } from '../store/queries/tenants.js';
import {
  allocateCosts,
  type AllocationPeriod,
  type CostAllocation,
  type UnallocatedShare,
} from './allocate-costs.js';
import { frozenView } from './baselines.js';
import { reader, type Ctx } from './context.js';
import { slaHoursLookup, type SlaHoursLookup } from './sla-hours.js';

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
export type GroupKey = Record<string, string | number | null>;

/** A group's AI cost by component (KPIS.md, Costs), micro-units; the components add up to its total. */
export type CostBreakdown = Record<CostKind | 'unallocated', number>;

/** One group of a KPI query: its items, its KPIs (value KPIs filled in when a baseline is frozen). */
export interface KpiGroup {
  key: GroupKey;
  members: KpiItem[];
  kpis: KpiSet;
  value: ValueKpiResult | null;
  /** Total AI cost: the sum of `costs`. */
  costMicros: number;
  /** Every cost component side by side: kinds allocated to items, oversight, and unallocated shares. */
  costs: CostBreakdown;
  /** The part of costMicros that is amortised one-time (integration) cost. */
  amortisedMicros: number;
  /** The frozen baseline beside the agent KPIs, re-weighted to this group's mix; null without one. */
  baseline: Record<BaselineBesideName, BaselineFigure> | null;
}

/** What every KPI computation of a tenant reads once: settings, SLA targets, scopes, frozen baseline. */
export interface KpiContext {
  tenant: TenantRow;
  slaHours: SlaHoursLookup;
  scopes: Map<string, AgentScope | null>;
  baseline: { baseline: Baseline; rateCard: RateCard; version: number } | null;
  goLive: Map<string, number>;
  /** Each agent's one-time (integration) costs, whole, for payback. */
  oneTimeCosts: Map<string, number>;
  /** The rate card that prices oversight: the frozen baseline's, else the tenant's `default`; null if none. */
  oversightCard: RateCard | null;
}

const SEED = 20_260_101;
const UNIT_MS: Record<PeriodUnit, number> = { day: DAY_MS, week: 7 * DAY_MS, month: AVERAGE_MONTH_MS };

export async function loadKpiContext(ctx: Ctx, tenant: TenantRow): Promise<KpiContext> {
  const db = reader(ctx);
  const scopes = new Map(
    (await listAgents(db, ctx.tenantId)).map((a) => [
      a.id,
      a.scope ? AgentScope.parse(JSON.parse(a.scope)) : null,
    ]),
  );
  const latest = await getLatestBaseline(db, ctx.tenantId);
  const frozen = latest ? frozenView(latest) : null;
  const defaultCard = frozen ? undefined : await getRateCard(db, ctx.tenantId, 'default');
  const goLive = new Map<string, number>();
  for (const d of await listDeployments(db, ctx.tenantId)) {
    goLive.set(d.agent_id, Math.min(goLive.get(d.agent_id) ?? Infinity, d.go_live_at));
  }
  return {
    tenant,
    slaHours: await slaHoursLookup(db, ctx.tenantId),
    scopes,
    baseline: frozen
      ? {
          baseline: { ...frozen, from: Date.parse(frozen.from), to: Date.parse(frozen.to) },
          rateCard: frozen.rate_card,
          version: frozen.version,
        }
      : null,
    goLive,
    oneTimeCosts: await sumOneTimeCosts(db, ctx.tenantId),
    oversightCard: frozen
      ? frozen.rate_card
      : defaultCard
        ? RateCard.parse(JSON.parse(defaultCard.body))
        : null,
  };
}

/**
 * The KPIs of every group of items opened in [filter.from, filter.to), value KPIs included when a
 * baseline is frozen; cumulative ROI is computed since the agents' first go-live when the grouping has
 * no time dimension.
 */
export async function computeKpiGroups(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  groupBy: readonly GroupDimension[],
  asOf: number,
): Promise<KpiGroup[]> {
  const period = await valueGroups(ctx, context, filter, groupBy, asOf, true);
  const timeUnit = groupBy.find((d): d is PeriodUnit => d === 'day' || d === 'week' || d === 'month');
  if (!context.baseline || timeUnit !== undefined) return period;
  const agents = new Set(
    period.flatMap((g) => g.members.filter((m) => m.handledBy !== HUMAN).map((m) => m.handledBy)),
  );
  const starts = [...agents].map((a) => context.goLive.get(a)).filter((t): t is number => t !== undefined);
  if (starts.length === 0) return period;
  const since = Math.min(...starts);
  if (since >= filter.to) return period;
  const cumulative = await valueGroups(ctx, context, { ...filter, from: since }, groupBy, asOf, false);
  const byKey = new Map(cumulative.map((g) => [JSON.stringify(g.key), g]));
  return period.map((group) => {
    const all = byKey.get(JSON.stringify(group.key));
    if (!all?.value) return group;
    const sinceGoLive: SinceGoLive = {
      netSavingsMicros: all.value.amounts.net_savings_micros,
      totalCostMicros: all.costMicros,
      months: monthsBetween(since, Math.min(filter.to, asOf)),
      amortisedOneTimeCostMicros: all.amortisedMicros,
    };
    return withValue(context, group, filter, asOf, sinceGoLive, timeUnit);
  });
}

async function valueGroups(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  groupBy: readonly GroupDimension[],
  asOf: number,
  withAgentKpis: boolean,
): Promise<KpiGroup[]> {
  const db = reader(ctx);
  const window = context.tenant.durability_window_ms;
  const timeZone = context.tenant.time_zone;
  // As it stood at asOf: items opened later did not exist yet, and costs accrue only up to then.
  const seen = { ...filter, ...windowAsOf(filter, asOf) };
  const rows = await listKpiItemRows(
    db,
    ctx.tenantId,
    { ...seen, withHumans: true },
    { attachedCost: false },
  );
  const timeUnit = groupBy.find((d): d is PeriodUnit => d === 'day' || d === 'week' || d === 'month');
  const periods: AllocationPeriod[] = timeUnit
    ? periodBuckets(seen.from, seen.to, timeUnit, timeZone)
    : seen.to > seen.from
      ? [{ key: null, from: seen.from, to: seen.to }]
      : [];
  const allocation = await allocateCosts(db, ctx.tenantId, rows, seen, periods);
  const items = rows.map((r) => asItStood(withReworkReversal(toKpiItem(r), window), asOf));
  const grouped = groupItems(items, groupBy, timeZone);
  // Unallocated shares belong to no cohort: a cohort filter leaves them out, else each gets its group.
  const unallocated = hasCohortFilter(filter)
    ? new Map<string, UnallocatedShare[]>()
    : unallocatedByGroup(allocation, groupBy);
  for (const [id, shares] of unallocated)
    if (!grouped.has(id)) grouped.set(id, { key: unallocatedKey(shares[0], groupBy), members: [] });
  const groups: KpiGroup[] = [];
  for (const { key, members } of orderGroups(grouped, groupBy)) {
    const shares = unallocated.get(JSON.stringify(key)) ?? [];
    const costs = costBreakdown(context, members, allocation, shares);
    const costMicros = Object.values(costs).reduce((sum, micros) => sum + micros, 0);
    const kpis = withAgentKpis
      ? computeKpis({
          items: members,
          asOf,
          durabilityWindowMs: window,
          reworkWindowMs: context.tenant.rework_window_ms,
          slaHours: context.slaHours,
          agentScope: (agentId) => context.scopes.get(agentId) ?? null,
          totalCostMicros: costMicros,
          costParts: {
            oversightMicros: costs.oversight,
            unallocatedMicros: costs.unallocated,
            oversightUnpriced: context.oversightCard ? undefined : OVERSIGHT_UNPRICED,
          },
          seed: SEED,
        })
      : emptyKpis();
    const amortisedMicros =
      members.reduce((sum, m) => sum + (allocation.items.get(m.id)?.amortisedOneTime ?? 0), 0) +
      shares.filter((u) => u.kind === 'integration').reduce((sum, u) => sum + u.micros, 0);
    const group: KpiGroup = {
      key,
      members,
      kpis,
      value: null,
      costMicros,
      costs,
      amortisedMicros,
      baseline: null,
    };
    groups.push(withValue(context, group, filter, asOf, undefined, timeUnit));
  }
  return groups;
}

function hasCohortFilter(filter: ItemFilter): boolean {
  return [filter.workflow, filter.category, filter.priority, filter.channel].some(
    (f) => (f?.length ?? 0) > 0,
  );
}

/** The group key an unallocated share belongs to: its agent and period; cohort dimensions null. */
function unallocatedKey(
  share: { agent: string; period: AllocationPeriod } | undefined,
  groupBy: readonly GroupDimension[],
): GroupKey {
  return Object.fromEntries(
    groupBy.map((d) => [
      d,
      d === 'agent' ? (share?.agent ?? null) : isTimeDimension(d) ? (share?.period.key ?? null) : null,
    ]),
  );
}

function isTimeDimension(d: GroupDimension): d is PeriodUnit {
  return d === 'day' || d === 'week' || d === 'month';
}

/** The unallocated shares of each group, by the group key's JSON (as groupItems keys its groups). */
function unallocatedByGroup(
  allocation: CostAllocation,
  groupBy: readonly GroupDimension[],
): Map<string, UnallocatedShare[]> {
  const byGroup = new Map<string, UnallocatedShare[]>();
  for (const share of allocation.unallocated) {
    const id = JSON.stringify(unallocatedKey(share, groupBy));
    const list = byGroup.get(id) ?? [];
    list.push(share);
    byGroup.set(id, list);
  }
  return byGroup;
}

/** A group's cost by component: its items' allocated kinds, their oversight, and its unallocated shares. */
function costBreakdown(
  context: KpiContext,
  members: readonly KpiItem[],
  allocation: CostAllocation,
  unallocated: readonly UnallocatedShare[],
): CostBreakdown {
  const fractional = new Map<string, number>();
  const add = (kind: string, micros: number) => fractional.set(kind, (fractional.get(kind) ?? 0) + micros);
  const card = context.oversightCard;
  const rate = card ? loadedHourlyRateMicros(card) : 0;
  for (const member of members) {
    const cost = allocation.items.get(member.id);
    if (cost) for (const [kind, micros] of cost.byKind) add(kind, micros);
    const minutes = card ? escalationOverheadMinutes(member, card) : 0;
    if (minutes > 0) add('oversight', oversightCostMicros(minutes, rate));
  }
  for (const share of unallocated) add('unallocated', share.micros);
  const breakdown = Object.fromEntries(
    [...COST_KINDS, 'unallocated' as const].map((kind) => [kind, Math.round(fractional.get(kind) ?? 0)]),
  );
  // Safe: the object was built from every cost kind and 'unallocated' just above.
  return breakdown as CostBreakdown;
}

/** Fill the value KPIs of a group from the frozen baseline and rate card (no I/O: all of it is in `context`). */
function withValue(
  context: KpiContext,
  group: KpiGroup,
  filter: ItemFilter,
  asOf: number,
  sinceGoLive: SinceGoLive | undefined,
  timeUnit: PeriodUnit | undefined,
): KpiGroup {
  if (!context.baseline) return group;
  const agents = [...new Set(group.members.filter((m) => m.handledBy !== HUMAN).map((m) => m.handledBy))];
  const span = Math.min(filter.to, Math.max(asOf, filter.from + 1)) - filter.from;
  const months = Math.max((timeUnit ? Math.min(UNIT_MS[timeUnit], span) : span) / AVERAGE_MONTH_MS, 1 / 31);
  const value = computeValueKpis({
    items: group.members,
    asOf,
    durabilityWindowMs: context.tenant.durability_window_ms,
    reworkWindowMs: context.tenant.rework_window_ms,
    slaHours: context.slaHours,
    baseline: context.baseline.baseline,
    rateCard: context.baseline.rateCard,
    totalCostMicros: group.costMicros,
    months,
    oneTimeCostMicros: agents.reduce((sum, agent) => sum + (context.oneTimeCosts.get(agent) ?? 0), 0),
    amortisedOneTimeCostMicros: group.amortisedMicros,
    verifiedAccuracy: group.kpis.verified_accuracy,
    sinceGoLive,
  });
  const cells = tallyItems(group.members, asOf, context.tenant.durability_window_ms, {
    reworkWindowMs: context.tenant.rework_window_ms,
    slaHours: context.slaHours,
  });
  const beside = baselineBeside(cells, context.baseline.baseline);
  return { ...group, kpis: { ...group.kpis, ...value.kpis }, value, baseline: beside };
}

/** The KPIs of a group without items (every count 0, every rate unavailable). */
export function emptyKpis(): KpiSet {
  return computeKpis({
    items: [],
    asOf: 0,
    durabilityWindowMs: 0,
    reworkWindowMs: 0,
    slaHours: () => null,
    totalCostMicros: 0,
    seed: SEED,
  });
}

/**
 * Split items by the group dimensions. Human items carry no agent: under `agent` grouping they join
 * every agent's group (they only count towards coverage there), and form no group of their own.
 */
function groupItems(
  items: readonly KpiItem[],
  groupBy: readonly GroupDimension[],
  timeZone: string,
): Map<string, { key: GroupKey; members: KpiItem[] }> {
  const byAgent = groupBy.includes('agent');
  const groups = new Map<string, { key: GroupKey; members: KpiItem[] }>();
  const humansByRest = new Map<string, KpiItem[]>();
  const dims = groupBy.filter((d) => d !== 'agent');
  const restKey = (item: KpiItem): GroupKey =>
    Object.fromEntries(dims.map((d) => [d, dimensionValue(item, d, timeZone)]));
  for (const item of items) {
    const rest = restKey(item);
    if (byAgent && item.handledBy === HUMAN) {
      const k = JSON.stringify(rest);
      const list = humansByRest.get(k) ?? [];
      list.push(item);
      humansByRest.set(k, list);
      continue;
    }
    const key = orderKey(byAgent ? { agent: item.handledBy, ...rest } : rest, groupBy);
    const k = JSON.stringify(key);
    const group = groups.get(k) ?? { key, members: [] };
    group.members.push(item);
    groups.set(k, group);
  }
  if (byAgent) {
    for (const group of groups.values()) {
      const { agent, ...rest } = group.key;
      group.members.push(...(humansByRest.get(JSON.stringify(orderKey(rest, dims))) ?? []));
    }
  }
  return groups;
}

/** The groups in key order; one empty group when nothing is grouped and nothing matched. */
function orderGroups(
  groups: Map<string, { key: GroupKey; members: KpiItem[] }>,
  groupBy: readonly GroupDimension[],
): { key: GroupKey; members: KpiItem[] }[] {
  const ordered = [...groups.values()];
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
