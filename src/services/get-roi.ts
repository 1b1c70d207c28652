import { cohortKeyId, cohortKeyOf } from '../domain/baseline/cohort-key.js';
import { humanKpis } from '../domain/baseline/human-kpis.js';
import { WorkledgerError } from '../domain/errors.js';
import type { ItemFilter } from '../domain/item-filter.js';
import { pickKpis, VALUE_KPI_NAMES, type KpiValue, type ValueKpiName } from '../domain/kpis/kpi-value.js';
import { HUMAN, type KpiItem } from '../domain/kpi-item.js';
import {
  concurrentControlDid,
  meanLevel,
  proportionLevel,
  type ConcurrentControlEstimate,
} from '../domain/value/concurrent-control.js';
import { toIso } from '../domain/time.js';
import { BENCHMARKS } from '../domain/value/benchmarks.js';
import { projectRoi, type RoiProjection } from '../domain/value/projection.js';
import {
  ALPHA,
  compareToBaseline,
  rateEvidence,
  type ComparableKpiName,
  type Comparison,
} from '../domain/value/significance.js';
import { isResolvedByAnyone } from '../domain/kpis/kpi-population.js';
import { LOW_N } from '../domain/kpis/kpi-value.js';
import { fromMicros } from '../domain/money.js';
import { holmAdjust } from '../domain/stats/holm.js';
import { vanElteren } from '../domain/stats/van-elteren.js';
import type { ValueCohort } from '../domain/value/value-kpis.js';
import { resolutionTime } from '../domain/verification.js';
import { toKpiItem } from '../store/item-row.js';
import { listKpiItemRows } from '../store/queries/items-read.js';
import { reader, requirePermission, type Ctx, type Verb } from './context.js';
import { checkWindow } from './get-kpis.js';
import {
  computeKpiGroups,
  loadKpiContext,
  type CostBreakdown,
  type KpiContext,
  type KpiGroup,
} from './kpi-groups.js';
import { getTenantSettings } from './tenant-settings.js';

// The rates both sides have (a human baseline has no containment; its escalation is reassignment).
const RATE_KPIS = [
  'fcr_rate',
  'escalation_rate',
  'reopen_rate',
  'sla_adherence',
] as const satisfies readonly ComparableKpiName[];

export interface SignificanceRow extends Omit<Comparison, 'test'> {
  kpi: string;
  test: Comparison['test'] | typeof STRATIFIED_TEST;
  agent: number | null;
  baseline: number | null;
  /** The p-value after Holm–Bonferroni over the statement's tests; the verdict uses it. */
  p_adjusted: number | null;
  /** The verdict before that correction (for a statement that corrects over its own family of tests). */
  uncorrected_verdict?: Comparison['verdict'];
}

export const STRATIFIED_TEST = 'van Elteren (Mann-Whitney within cohorts)';

export interface DidRow extends ConcurrentControlEstimate {
  kpi: 'mttr_s' | 'fcr_rate';
}

export interface RoiStatement {
  from: string;
  to: string;
  as_of: string;
  currency: string;
  baseline: { version: number; from: string; to: string } | null;
  value: Record<ValueKpiName, KpiValue>;
  /** Every cost component side by side, in currency units; they add up to total_cost. */
  costs: Record<keyof CostBreakdown, number>;
  roi_cumulative: KpiValue | null;
  since_go_live: string | null;
  cohorts: readonly ValueCohort[];
  notes: readonly string[];
  significance: SignificanceRow[];
  /** How the verdicts were corrected for testing several KPIs at once. */
  multiple_comparisons: string;
  difference_in_differences: { rows: DidRow[]; reason: string | null };
  projection: RoiProjection | null;
  benchmarks: typeof BENCHMARKS;
}

/**
 * The one-screen ROI statement: value KPIs of the period (re-weighted to the agent mix), cumulative
 * ROI, significance against the baseline, difference-in-differences against the concurrent control
 * group, and the year-one/year-three projection beside the benchmark bands.
 */
export async function getRoi({
  ctx,
  input,
}: Verb<{ filter: ItemFilter; asOf?: number }>): Promise<RoiStatement> {
  requirePermission(ctx, 'read');
  const { filter } = input;
  checkWindow(filter.from, filter.to);
  const tenant = await getTenantSettings(ctx);
  const asOf = input.asOf ?? ctx.now();
  const context = await loadKpiContext(ctx, tenant);
  const [group] = await computeKpiGroups(ctx, context, filter, [], asOf);
  if (!group) throw new WorkledgerError('INTERNAL', 'the KPI engine answered no group');
  const value = pickKpis(group.kpis, VALUE_KPI_NAMES);
  const since = firstGoLive(context, group);
  const baseline = context.baseline;
  // Read once: the baseline window's human items of the agents' cohorts feed both tests below.
  const human = baseline ? await baselineItems(ctx, context, group) : [];
  const rows = withHolm(significance(context, group, human));
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    as_of: toIso(asOf),
    currency: tenant.currency,
    baseline: baseline
      ? { version: baseline.version, from: toIso(baseline.baseline.from), to: toIso(baseline.baseline.to) }
      : null,
    value,
    // Safe: the entries are exactly group.costs' keys, each mapped to currency units.
    costs: Object.fromEntries(
      Object.entries(group.costs).map(([kind, micros]) => [kind, fromMicros(micros)]),
    ) as Record<keyof CostBreakdown, number>,
    roi_cumulative: group.value?.roi_cumulative ?? null,
    since_go_live: since === null ? null : toIso(since),
    cohorts: group.value?.cohorts ?? [],
    notes: group.value?.notes ?? (baseline ? [] : ['no baseline is frozen yet: workledger baseline freeze']),
    significance: rows,
    multiple_comparisons: `Holm–Bonferroni over ${rows.filter((r) => r.p !== null).length} tests: a verdict stands only when its adjusted p-value is under ${ALPHA}`,
    difference_in_differences: baseline ? did(group, human) : { rows: [], reason: 'no baseline' },
    projection: baseline && since !== null ? await projection(ctx, context, filter, since, asOf) : null,
    benchmarks: BENCHMARKS,
  };
}

function firstGoLive(context: KpiContext, group: KpiGroup): number | null {
  const starts = [...new Set(group.members.filter((m) => m.handledBy !== HUMAN).map((m) => m.handledBy))]
    .map((a) => context.goLive.get(a))
    .filter((t): t is number => t !== undefined);
  return starts.length ? Math.min(...starts) : null;
}

/** The baseline window's human items in the cohorts the agents of the group worked in. */
async function baselineItems(ctx: Ctx, context: KpiContext, group: KpiGroup): Promise<KpiItem[]> {
  const baseline = context.baseline;
  if (!baseline) return [];
  const fields = baseline.baseline.cohort_by;
  const agentCohorts = new Set(
    group.members
      .filter((m) => m.handledBy !== HUMAN)
      .map((m) => cohortKeyId(cohortKeyOf(m, fields), fields)),
  );
  const rows = await listKpiItemRows(reader(ctx), ctx.tenantId, {
    from: baseline.baseline.from,
    to: baseline.baseline.to,
    handledBy: 'human',
  });
  return rows
    .map(toKpiItem)
    .filter((item) => agentCohorts.has(cohortKeyId(cohortKeyOf(item, fields), fields)));
}

function latencies(items: readonly KpiItem[], agent: boolean): number[] {
  return items
    .filter((i) => (i.handledBy !== HUMAN) === agent && i.outcome === 'resolved')
    .map((i) => ((resolutionTime(i) ?? i.openedAt) - i.openedAt) / 1000);
}

function significance(context: KpiContext, group: KpiGroup, human: readonly KpiItem[]): SignificanceRow[] {
  const baseline = context.baseline;
  if (!baseline) return [];
  const humanSet = humanKpis(human, { slaHours: context.slaHours, rateCard: baseline.rateCard, seed: 1 });
  const rows: SignificanceRow[] = [];
  for (const name of RATE_KPIS) {
    const agentKpi = group.kpis[name];
    const humanKpi = humanSet[name];
    const a = rateEvidence(agentKpi);
    const b = rateEvidence(humanKpi);
    if (!a || !b) continue;
    rows.push({
      kpi: name,
      agent: agentKpi.value,
      baseline: humanKpi.value,
      ...compareToBaseline(name, a, b),
      p_adjusted: null,
    });
  }
  rows.push(resolutionTimeRow(context, group, human));
  return rows;
}

/**
 * End-to-end resolution time against the baseline (KPIS.md, Like for like): every agent item resolved by
 * anyone, ranked against the team's resolutions within the same cohort (van Elteren), so the agent's
 * mix cannot make it look faster; the baseline figure is the team's MTTR re-weighted to that mix.
 */
function resolutionTimeRow(context: KpiContext, group: KpiGroup, human: readonly KpiItem[]): SignificanceRow {
  const fields = context.baseline?.baseline.cohort_by ?? [];
  const strata = new Map<string, { a: number[]; b: number[] }>();
  const stratum = (item: KpiItem) => {
    const id = cohortKeyId(cohortKeyOf(item, fields), fields);
    const found = strata.get(id) ?? { a: [], b: [] };
    strata.set(id, found);
    return found;
  };
  for (const item of group.members)
    if (item.handledBy !== HUMAN && isResolvedByAnyone(item)) stratum(item).a.push(secondsToResolve(item));
  for (const item of human) if (item.outcome === 'resolved') stratum(item).b.push(secondsToResolve(item));
  const shared = [...strata.values()].filter((s) => s.a.length > 0 && s.b.length > 0);
  const nAgent = shared.reduce((sum, s) => sum + s.a.length, 0);
  const nBaseline = shared.reduce((sum, s) => sum + s.b.length, 0);
  const base = {
    kpi: 'e2e_mttr_s',
    test: STRATIFIED_TEST,
    agent: group.kpis.e2e_mttr_s.value,
    baseline: group.baseline?.e2e_mttr_s.value ?? null,
    n_agent: nAgent,
    n_baseline: nBaseline,
    p_adjusted: null,
  } as const;
  if (nAgent < LOW_N || nBaseline < LOW_N)
    return {
      ...base,
      verdict: 'no significant difference',
      p: null,
      reason: `insufficient data: each side needs at least ${LOW_N} items in shared cohorts`,
    };
  const result = vanElteren(shared);
  if (result.p >= ALPHA) return { ...base, verdict: 'no significant difference', p: result.p };
  // lower is better: the agent ranking higher (z > 0) means slower
  return { ...base, verdict: result.z > 0 ? 'worse' : 'better', p: result.p };
}

function secondsToResolve(item: KpiItem): number {
  return ((resolutionTime(item) ?? item.openedAt) - item.openedAt) / 1000;
}

/** The statement's verdicts, corrected with Holm–Bonferroni over every test it ran. */
function withHolm(rows: readonly SignificanceRow[]): SignificanceRow[] {
  const adjusted = holmAdjust(rows.map((r) => r.p));
  return rows.map((row, i) => {
    const p = adjusted[i] ?? null;
    if (row.p === null) return row;
    const survives = p !== null && p < ALPHA;
    return {
      ...row,
      p_adjusted: p,
      uncorrected_verdict: row.verdict,
      verdict: survives ? row.verdict : 'no significant difference',
    };
  });
}

const MIN_CONTROL = 30;

/**
 * Difference-in-differences against the concurrent control group (human-handled items of the same
 * cohorts in the same period): (agent_post − baseline_pre) − (control_post − baseline_pre). Both arms
 * share the pre-period sample, so it cancels from the estimate and its variance.
 */
function did(group: KpiGroup, baseline: readonly KpiItem[]): RoiStatement['difference_in_differences'] {
  const agent = group.members.filter((m) => m.handledBy !== HUMAN && m.outcome !== 'open');
  const agentCohorts = new Set(agent.map((m) => `${m.workflow}|${m.category}|${m.priority}`));
  const control = group.members.filter(
    (m) =>
      m.handledBy === HUMAN &&
      m.outcome !== 'open' &&
      agentCohorts.has(`${m.workflow}|${m.category}|${m.priority}`),
  );
  if (control.length < MIN_CONTROL)
    return {
      rows: [],
      reason: `the concurrent control group has ${control.length} items; at least ${MIN_CONTROL} are needed`,
    };
  const rows: DidRow[] = [];
  const agentLatency = latencies(agent, true);
  const controlLatency = latencies(control, false);
  const preLatency = latencies(baseline, false);
  if (agentLatency.length >= 2 && controlLatency.length >= 2 && preLatency.length >= 2)
    rows.push({
      kpi: 'mttr_s',
      ...concurrentControlDid(meanLevel(agentLatency), meanLevel(controlLatency), meanLevel(preLatency)),
    });
  const firstContact = (items: readonly KpiItem[]) =>
    items.filter((i) => i.outcome === 'resolved' && i.reassignmentCount === 0 && i.reopenCount === 0).length;
  const pre = baseline.filter((i) => i.outcome !== 'open');
  if (pre.length > 0)
    rows.push({
      kpi: 'fcr_rate',
      ...concurrentControlDid(
        proportionLevel(firstContact(agent), agent.length),
        proportionLevel(firstContact(control), control.length),
        proportionLevel(firstContact(pre), pre.length),
      ),
    });
  return { rows, reason: null };
}

/** Monthly net savings and cost since go-live, projected to year one and year three. */
async function projection(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  since: number,
  asOf: number,
): Promise<RoiProjection> {
  const to = Math.min(asOf, filter.to);
  const months =
    since < to ? await computeKpiGroups(ctx, context, { ...filter, from: since, to }, ['month'], asOf) : [];
  return projectRoi(
    months
      .filter((m) => m.value !== null)
      .map((m) => ({
        netSavingsMicros: m.value?.amounts.net_savings_micros ?? 0,
        totalCostMicros: m.costMicros,
      })),
  );
}
