import { createHash } from 'node:crypto';
import { AgentScope } from '../../domain/config-input.js';
import type { Baseline } from '../../domain/baseline/baseline.js';
import {
  escalationOverheadMinutesFor,
  loadedHourlyRateMicros,
  RateCard,
} from '../../domain/baseline/rate-card.js';
import { COST_KINDS, type CostKind } from '../../domain/cost-kinds.js';
import type { ItemFilter } from '../../domain/item-filter.js';
import type { KpiSet } from '../../domain/kpis/kpi-value.js';
import { emptyTally, mergeTally, type TallyCell } from '../../domain/kpis/tally.js';
import { cellKey } from '../../domain/kpis/tally-items.js';
import { kpisFromCells } from '../../domain/kpis/tally-kpis.js';
import { HUMAN } from '../../domain/kpi-item.js';
import { windowAsOf, type PeriodWindow } from '../../domain/maturity.js';
import { periodBuckets, type PeriodUnit } from '../../domain/period-key.js';
import { DAY_MS } from '../../domain/time.js';
import { AVERAGE_MONTH_MS, monthsBetween } from '../../domain/value/months.js';
import {
  baselineBeside,
  type BaselineBesideName,
  type BaselineFigure,
} from '../../domain/value/baseline-beside.js';
import { OVERSIGHT_UNPRICED } from '../../domain/value/oversight.js';
import { computeValueKpis, type SinceGoLive, type ValueKpiResult } from '../../domain/value/value-kpis.js';
import { listAgents } from '../../store/queries/agents.js';
import { getLatestBaseline, getRateCard, listDeployments } from '../../store/queries/baselines.js';
import { sumOneTimeCosts } from '../../store/queries/costs.js';
import type { TenantRow } from '../../store/queries/tenants.js';
import {
  allocateRangeCosts,
  type AllocationPeriod,
  type ItemCount,
  type UnallocatedShare,
} from './allocate-costs.js';
import { frozenView } from '../value/baselines.js';
import { reader, type Ctx } from '../context.js';
import {
  readCells,
  type CellGroup,
  type GroupDimension,
  type GroupKey,
  type SampleDetail,
} from './read-cells.js';
import { listWorkflows } from '../../store/queries/workflows.js';
import { slaHoursOf, type SlaHoursLookup } from '../config/sla-hours.js';

export { GROUP_DIMENSIONS, type GroupDimension, type GroupKey } from './read-cells.js';

/** A group's AI cost by component (KPIS.md, Costs), micro-units; the components add up to its total. */
export type CostBreakdown = Record<CostKind | 'unallocated', number>;

/** One group of a KPI query: its tallies, its KPIs (value KPIs filled in when a baseline is frozen). */
export interface KpiGroup {
  key: GroupKey;
  /** The group's tallies by handler and cohort (human cells join agent groups for coverage). */
  cells: TallyCell[];
  kpis: KpiSet;
  value: ValueKpiResult | null;
  /** Total AI cost: the sum of `costs`. */
  costMicros: number;
  /** Every cost component side by side: kinds attached or allocated, oversight, and unallocated shares. */
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
  /**
   * A digest of everything above as stored (tenant, agents, workflows, baseline, rate card, deployments,
   * one-time costs): two contexts with one fingerprint compute the same KPIs from the same tallies.
   */
  fingerprint: string;
}

const SEED = 20_260_101;
const UNIT_MS: Record<PeriodUnit, number> = { day: DAY_MS, week: 7 * DAY_MS, month: AVERAGE_MONTH_MS };

export async function loadKpiContext(ctx: Ctx, tenant: TenantRow): Promise<KpiContext> {
  const db = reader(ctx);
  const agents = await listAgents(db, ctx.tenantId);
  const scopes = new Map(agents.map((a) => [a.id, a.scope ? AgentScope.parse(JSON.parse(a.scope)) : null]));
  const latest = await getLatestBaseline(db, ctx.tenantId);
  const frozen = latest ? frozenView(latest) : null;
  const defaultCard = frozen ? undefined : await getRateCard(db, ctx.tenantId, 'default');
  const deployments = await listDeployments(db, ctx.tenantId);
  const goLive = new Map<string, number>();
  for (const d of deployments) {
    goLive.set(d.agent_id, Math.min(goLive.get(d.agent_id) ?? Infinity, d.go_live_at));
  }
  const workflows = await listWorkflows(db, ctx.tenantId);
  const oneTimeCosts = await sumOneTimeCosts(db, ctx.tenantId);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        tenant,
        agents,
        workflows,
        latest ? [latest.version, latest.body_hash, latest.rate_card_id] : null,
        defaultCard?.body ?? null,
        deployments,
        [...oneTimeCosts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ]),
    )
    .digest('base64url');
  return {
    tenant,
    slaHours: slaHoursOf(workflows),
    scopes,
    baseline: frozen
      ? {
          baseline: { ...frozen, from: Date.parse(frozen.from), to: Date.parse(frozen.to) },
          rateCard: frozen.rate_card,
          version: frozen.version,
        }
      : null,
    goLive,
    oneTimeCosts,
    oversightCard: frozen
      ? frozen.rate_card
      : defaultCard
        ? RateCard.parse(JSON.parse(defaultCard.body))
        : null,
    fingerprint,
  };
}

/**
 * The KPIs of every group of items opened in [filter.from, filter.to), value KPIs included when a
 * baseline is frozen; cumulative ROI is computed since the agents' first go-live when the grouping has
 * no time dimension. `samples` says where samples are kept: 'merged' (each group's agent tally), 'cells'
 * (every cell too: a test stratified by cohort reads them), or 'none' — counts, costs and value only,
 * without the agent KPIs (a projection of net savings needs no latencies). With `sinceGoLiveUnread`
 * (the reason), the value since go-live is not read and payback and cumulative ROI give that reason.
 * With `sinceGoLiveMonths`, a caller that reads the months since go-live anyway (the ROI statement, for
 * its projection: the same filter from `since`, grouped by month, counts only) hands them over, and the
 * value since go-live is those months merged instead of a second read of the same rollups.
 */
export async function computeKpiGroups(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  groupBy: readonly GroupDimension[],
  asOf: number,
  samples: SampleDetail = 'merged',
  {
    sinceGoLiveUnread,
    valueWindow,
    sinceGoLiveMonths,
  }: {
    sinceGoLiveUnread?: string;
    valueWindow?: PeriodWindow;
    sinceGoLiveMonths?: (since: number) => Promise<readonly KpiGroup[]>;
  } = {},
): Promise<KpiGroup[]> {
  const period = await valueGroups(ctx, context, filter, groupBy, asOf, samples, {
    sinceGoLiveUnread,
    valueWindow: valueWindow ?? filter,
  });
  const timeUnit = timeUnitOf(groupBy);
  if (!context.baseline || timeUnit !== undefined || sinceGoLiveUnread !== undefined) return period;
  const since = firstGoLiveOf(context, period);
  if (since === null || since >= filter.to) return period;
  // since go-live is the period itself when the period starts at go-live: its groups are read already
  const sinceWindow = { from: since, to: filter.to };
  const cumulative =
    since === filter.from
      ? period
      : sinceGoLiveMonths
        ? mergeMonths(context, period, await sinceGoLiveMonths(since), groupBy, sinceWindow, asOf)
        : await valueGroups(ctx, context, { ...filter, from: since }, groupBy, asOf, 'none', {
            valueWindow: sinceWindow,
          });
  return withCumulative(context, period, cumulative, filter, asOf, since);
}

/** The first go-live of the agents that worked in these groups, or null when none has one. */
export function firstGoLiveOf(context: KpiContext, groups: readonly KpiGroup[]): number | null {
  const agents = new Set(
    groups.flatMap((g) => g.cells.filter((c) => c.handler !== HUMAN).map((c) => c.handler)),
  );
  const starts = [...agents].map((a) => context.goLive.get(a)).filter((t): t is number => t !== undefined);
  return starts.length === 0 ? null : Math.min(...starts);
}

/**
 * Each period group with its payback and cumulative ROI since go-live (`since`), from `cumulative`: the
 * same groups over [since, filter.to) with their value KPIs.
 */
function withCumulative(
  context: KpiContext,
  period: readonly KpiGroup[],
  cumulative: readonly KpiGroup[],
  filter: ItemFilter,
  asOf: number,
  since: number,
): KpiGroup[] {
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
    return withValue(context, group, filter, asOf, sinceGoLive, undefined);
  });
}

/**
 * The months of a period's groups since go-live merged into one group per period group (the month
 * dimension dropped): the same tallies and the same costs (every range cost is conserved whatever the
 * periods), so the same value as reading the window since go-live as one period.
 */
function mergeMonths(
  context: KpiContext,
  period: readonly KpiGroup[],
  months: readonly KpiGroup[],
  groupBy: readonly GroupDimension[],
  window: PeriodWindow,
  asOf: number,
): KpiGroup[] {
  const idOf = (key: GroupKey) => JSON.stringify(groupBy.map((d) => key[d] ?? null));
  const merged = new Map(
    period.map((g) => [
      idOf(g.key),
      {
        group: g,
        cells: new Map<string, TallyCell>(),
        costs: zeroCosts(),
        costMicros: 0,
        amortisedMicros: 0,
      },
    ]),
  );
  for (const month of months) {
    const into = merged.get(idOf(month.key));
    if (!into) continue; // a group of the months that the period does not have: nothing asks for it
    for (const cell of month.cells) {
      const id = cellKey(cell.handler, cell.cohort);
      const sum = into.cells.get(id) ?? { handler: cell.handler, cohort: cell.cohort, tally: emptyTally() };
      mergeTally(sum.tally, cell.tally, false);
      into.cells.set(id, sum);
    }
    for (const kind of Object.keys(into.costs) as (keyof CostBreakdown)[])
      into.costs[kind] += month.costs[kind];
    into.costMicros += month.costMicros;
    into.amortisedMicros += month.amortisedMicros;
  }
  return [...merged.values()].map(({ group, cells, costs, costMicros, amortisedMicros }) =>
    withValue(
      context,
      {
        key: group.key,
        cells: [...cells.values()],
        kpis: emptyKpis(),
        value: null,
        costMicros,
        costs,
        amortisedMicros,
        baseline: null,
      },
      window,
      asOf,
      undefined,
      undefined,
    ),
  );
}

function zeroCosts(): CostBreakdown {
  // Safe: every cost kind and 'unallocated' is assigned here.
  return Object.fromEntries([...COST_KINDS, 'unallocated'].map((kind) => [kind, 0])) as CostBreakdown;
}

export function timeUnitOf(groupBy: readonly GroupDimension[]): PeriodUnit | undefined {
  return groupBy.find((d): d is PeriodUnit => d === 'day' || d === 'week' || d === 'month');
}

async function valueGroups(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  groupBy: readonly GroupDimension[],
  asOf: number,
  samples: SampleDetail,
  { sinceGoLiveUnread, valueWindow }: { sinceGoLiveUnread?: string | undefined; valueWindow: PeriodWindow },
): Promise<KpiGroup[]> {
  // without samples the read is for counts and costs (value since go-live): no agent KPIs
  const withAgentKpis = samples !== 'none';
  const db = reader(ctx);
  const timeZone = context.tenant.time_zone;
  const settings = {
    timeZone,
    durabilityWindowMs: context.tenant.durability_window_ms,
    reworkWindowMs: context.tenant.rework_window_ms,
    slaHours: context.slaHours,
  };
  // the cumulative read (value since go-live) and the split's totals need counts, never samples
  const read = { groupBy, asOf, now: ctx.now(), settings, samples };
  const { groups } = await readCells(db, ctx.tenantId, { ...read, filter });
  const timeUnit = timeUnitOf(groupBy);
  // As it stood at asOf: costs accrue only up to then.
  const seen = windowAsOf(filter, asOf);
  const periods: AllocationPeriod[] = timeUnit
    ? periodBuckets(seen.from, seen.to, timeUnit, timeZone)
    : seen.to > seen.from
      ? [{ key: null, from: seen.from, to: seen.to }]
      : [];
  const periodIndex = new Map(periods.map((p, i) => [p.key, i]));
  const periodOf = (key: GroupKey) => periodIndex.get(timeUnit ? String(key[timeUnit]) : null) ?? -1;
  const counts = itemCounts(groups, periodOf);
  // The split of a period's share counts all the agent's items in it, whatever the cohort filters.
  const totals = hasCohortFilter(filter)
    ? totalsOf(
        itemCounts(
          (
            await readCells(db, ctx.tenantId, {
              ...read,
              samples: 'none',
              groupBy: timeUnit ? ['agent', timeUnit] : ['agent'],
              filter: { from: filter.from, to: filter.to, ...(filter.agent ? { agent: filter.agent } : {}) },
            })
          ).groups,
          periodOf,
        ),
      )
    : totalsOf(counts);
  const ranges = await allocateRangeCosts(db, ctx.tenantId, filter, periods, counts, totals);
  // Unallocated shares belong to no cohort: a cohort filter leaves them out, else each gets its group.
  const unallocated = hasCohortFilter(filter)
    ? new Map<string, UnallocatedShare[]>()
    : unallocatedByGroup(ranges.unallocated, groupBy);
  for (const [id, shares] of unallocated)
    if (!groups.has(id))
      groups.set(id, { key: unallocatedKey(shares[0], groupBy), cells: new Map(), agent: emptyTally() });
  const result: KpiGroup[] = [];
  for (const [id, group] of orderGroups(groups, groupBy)) {
    const cells = [...group.cells.values()];
    const shares = unallocated.get(id) ?? [];
    const costs = costBreakdown(context, cells, ranges.byGroup.get(id), shares);
    const costMicros = Object.values(costs).reduce((sum, micros) => sum + micros, 0);
    const kpis = withAgentKpis
      ? kpisFromCells({
          cells,
          agent: group.agent,
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
      (ranges.byGroup.get(id)?.get('integration') ?? 0) +
      cells.reduce((sum, c) => sum + (c.handler === HUMAN ? 0 : c.tally.attached.integration), 0) +
      shares.filter((u) => u.kind === 'integration').reduce((sum, u) => sum + u.micros, 0);
    const kpiGroup: KpiGroup = {
      key: group.key,
      cells,
      kpis,
      value: null,
      costMicros,
      costs,
      amortisedMicros,
      baseline: null,
    };
    result.push(withValue(context, kpiGroup, valueWindow, asOf, undefined, timeUnit, sinceGoLiveUnread));
  }
  return result;
}

/** The agents' item counts (open ones too) of each group, in its period. */
function itemCounts(groups: Map<string, CellGroup>, periodOf: (key: GroupKey) => number): ItemCount[] {
  const counts: ItemCount[] = [];
  for (const [id, group] of groups) {
    const period = periodOf(group.key);
    if (period < 0) continue;
    const byAgent = new Map<string, number>();
    for (const cell of group.cells.values())
      if (cell.handler !== HUMAN)
        byAgent.set(cell.handler, (byAgent.get(cell.handler) ?? 0) + cell.tally.items);
    for (const [agent, items] of byAgent) counts.push({ group: id, agent, period, items });
  }
  return counts;
}

function totalsOf(counts: readonly ItemCount[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of counts)
    totals.set(`${c.agent}|${c.period}`, (totals.get(`${c.agent}|${c.period}`) ?? 0) + c.items);
  return totals;
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

/** The unallocated shares of each group, by the group key's JSON (as the cell reader keys its groups). */
function unallocatedByGroup(
  shares: readonly UnallocatedShare[],
  groupBy: readonly GroupDimension[],
): Map<string, UnallocatedShare[]> {
  const byGroup = new Map<string, UnallocatedShare[]>();
  for (const share of shares) {
    const id = JSON.stringify(unallocatedKey(share, groupBy));
    const list = byGroup.get(id) ?? [];
    list.push(share);
    byGroup.set(id, list);
  }
  return byGroup;
}

/**
 * A group's cost by component: costs attached to its agent items, its range-cost shares, oversight (the
 * escalation overhead of its escalated and failed agent items at the loaded rate), and unallocated shares.
 */
function costBreakdown(
  context: KpiContext,
  cells: readonly TallyCell[],
  ranges: ReadonlyMap<string, number> | undefined,
  unallocated: readonly UnallocatedShare[],
): CostBreakdown {
  const micros = new Map<string, number>();
  const add = (kind: string, amount: number) => micros.set(kind, (micros.get(kind) ?? 0) + amount);
  let minutes = 0;
  const card = context.oversightCard;
  for (const { handler, cohort, tally } of cells) {
    if (handler === HUMAN) continue;
    for (const kind of COST_KINDS) add(kind, tally.attached[kind]);
    if (card)
      minutes += tally.handoffMinutes + tally.handoffUnreported * escalationOverheadMinutesFor(card, cohort);
  }
  for (const [kind, amount] of ranges ?? []) add(kind, amount);
  if (card) add('oversight', Math.round((minutes * loadedHourlyRateMicros(card)) / 60));
  for (const share of unallocated) add('unallocated', share.micros);
  // Safe: every cost kind and 'unallocated' is assigned here.
  const breakdown = {} as CostBreakdown;
  for (const kind of [...COST_KINDS, 'unallocated' as const]) breakdown[kind] = micros.get(kind) ?? 0;
  return breakdown;
}

/**
 * Fill the value KPIs of a group from the frozen baseline and rate card (no I/O: all of it is in `context`);
 * `filter` is the window whose length (as of `asOf`) sets the months the monthly figures are over.
 */
function withValue(
  context: KpiContext,
  group: KpiGroup,
  filter: PeriodWindow,
  asOf: number,
  sinceGoLive: SinceGoLive | undefined,
  timeUnit: PeriodUnit | undefined,
  sinceGoLiveUnread?: string,
): KpiGroup {
  if (!context.baseline) return group;
  const agents = [...new Set(group.cells.filter((c) => c.handler !== HUMAN).map((c) => c.handler))];
  const months = valueMonths(filter, asOf, timeUnit);
  const value = computeValueKpis({
    cells: group.cells,
    baseline: context.baseline.baseline,
    rateCard: context.baseline.rateCard,
    totalCostMicros: group.costMicros,
    months,
    oneTimeCostMicros: agents.reduce((sum, agent) => sum + (context.oneTimeCosts.get(agent) ?? 0), 0),
    amortisedOneTimeCostMicros: group.amortisedMicros,
    verifiedAccuracy: group.kpis.verified_accuracy,
    sinceGoLive,
    ...(sinceGoLiveUnread === undefined ? {} : { sinceGoLiveUnread }),
  });
  const beside = baselineBeside(group.cells, context.baseline.baseline);
  return { ...group, kpis: { ...group.kpis, ...value.kpis }, value, baseline: beside };
}

/**
 * The months a group's monthly value figures are over: the window's length as of `asOf` (a group of a
 * time grouping at most its period's length), at least a day.
 */
export function valueMonths(window: PeriodWindow, asOf: number, timeUnit: PeriodUnit | undefined): number {
  const span = Math.min(window.to, Math.max(asOf, window.from + 1)) - window.from;
  return Math.max((timeUnit ? Math.min(UNIT_MS[timeUnit], span) : span) / AVERAGE_MONTH_MS, 1 / 31);
}

/** The KPIs of a group without items (every count 0, every rate unavailable). */
export function emptyKpis(): KpiSet {
  return kpisFromCells({ cells: [], totalCostMicros: 0, seed: SEED });
}

/** The groups in key order; one empty group when nothing is grouped and nothing matched. */
function orderGroups(
  groups: Map<string, CellGroup>,
  groupBy: readonly GroupDimension[],
): [string, CellGroup][] {
  const ordered = [...groups.entries()];
  ordered.sort(([, a], [, b]) => compareGroupKeys(a.key, b.key, groupBy));
  if (groupBy.length === 0 && ordered.length === 0)
    return [['{}', { key: {}, cells: new Map(), agent: emptyTally() }]];
  return ordered;
}

/** The order of an answer's groups: by each dimension in grouping order, nulls last. */
export function compareGroupKeys(a: GroupKey, b: GroupKey, groupBy: readonly GroupDimension[]): number {
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

/** A tally cell of nothing, for callers that need a placeholder. */
export function emptyCell(handler: string): TallyCell {
  return {
    handler,
    cohort: { workflow: null, category: null, priority: null, channel: null },
    tally: emptyTally(),
  };
}
