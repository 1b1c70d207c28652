import { cohortKeyId, cohortKeyOf } from '../../domain/baseline/cohort-key.js';
import { WorkledgerError } from '../../domain/errors.js';
import type { ItemFilter } from '../../domain/item-filter.js';
import { rateKpi } from '../../domain/kpis/build-kpi.js';
import {
  LOW_N,
  pickKpis,
  VALUE_KPI_NAMES,
  type KpiValue,
  type ValueKpiName,
} from '../../domain/kpis/kpi-value.js';
import { emptyTally, handledOf, mergeTally, type Tally, type TallyCell } from '../../domain/kpis/tally.js';
import { HUMAN } from '../../domain/kpi-item.js';
import { fromMicros } from '../../domain/money.js';
import { holmAdjust } from '../../domain/stats/holm.js';
import {
  emptySample,
  mergeSample,
  sampleMean,
  sampleVariance,
  type Sample,
} from '../../domain/stats/sample.js';
import { vanElteren } from '../../domain/stats/van-elteren.js';
import { toIso } from '../../domain/time.js';
import { BENCHMARKS } from '../../domain/value/benchmarks.js';
import {
  concurrentControlDid,
  proportionLevel,
  type ArmLevel,
  type ConcurrentControlEstimate,
} from '../../domain/value/concurrent-control.js';
import { projectRoi, type RoiProjection } from '../../domain/value/projection.js';
import {
  ALPHA,
  compareToBaseline,
  rateEvidence,
  type ComparableKpiName,
  type Comparison,
} from '../../domain/value/significance.js';
import type { ValueCohort } from '../../domain/value/value-kpis.js';
import { reader, requirePermission, type Ctx, type Verb } from '../context.js';
import { checkWindow } from '../kpis/get-kpis.js';
import {
  computeKpiGroups,
  firstGoLiveOf,
  loadKpiContext,
  type CostBreakdown,
  type KpiContext,
  type KpiGroup,
} from '../kpis/kpi-groups.js';
import { readCells } from '../kpis/read-cells.js';
import { getTenantSettings } from '../config/tenant-settings.js';

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
  // The months since go-live are read once: for the projection, and merged for cumulative ROI and
  // payback, which computeKpiGroups asks for when it needs them (not when the period starts at go-live).
  let months: readonly KpiGroup[] | null = null;
  const readMonths = async (from: number) => (months = await monthsSince(ctx, context, filter, from, asOf));
  const [group] = await computeKpiGroups(ctx, context, filter, [], asOf, 'cells', {
    sinceGoLiveMonths: readMonths,
  });
  if (!group) throw new WorkledgerError('INTERNAL', 'the KPI engine answered no group');
  const since = firstGoLiveOf(context, [group]);
  const baseline = context.baseline;
  const value = pickKpis(group.kpis, VALUE_KPI_NAMES);
  // Read once: the baseline window's human items of the agents' cohorts feed both tests below.
  const human = baseline ? await baselineCells(ctx, context, group) : [];
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
    projection: baseline && since !== null ? projection(months ?? (await readMonths(since))) : null,
    benchmarks: BENCHMARKS,
  };
}

function agentCells(group: KpiGroup): TallyCell[] {
  return group.cells.filter((c) => c.handler !== HUMAN && c.tally.items > 0);
}

/** The baseline window's human tallies in the cohorts the agents of the group worked in. */
async function baselineCells(ctx: Ctx, context: KpiContext, group: KpiGroup): Promise<TallyCell[]> {
  const baseline = context.baseline;
  if (!baseline) return [];
  const fields = baseline.baseline.cohort_by;
  const agentCohorts = new Set(
    agentCells(group).map((c) => cohortKeyId(cohortKeyOf(c.cohort, fields), fields)),
  );
  const { groups } = await readCells(reader(ctx), ctx.tenantId, {
    filter: { from: baseline.baseline.from, to: baseline.baseline.to },
    groupBy: [],
    asOf: ctx.now(),
    now: ctx.now(),
    samples: 'cells',
    settings: {
      timeZone: context.tenant.time_zone,
      durabilityWindowMs: context.tenant.durability_window_ms,
      reworkWindowMs: context.tenant.rework_window_ms,
      slaHours: context.slaHours,
    },
  });
  return [...groups.values()].flatMap((g) =>
    [...g.cells.values()].filter(
      (c) => c.handler === HUMAN && agentCohorts.has(cohortKeyId(cohortKeyOf(c.cohort, fields), fields)),
    ),
  );
}

function merged(cells: readonly TallyCell[]): Tally {
  const total = emptyTally();
  for (const cell of cells) mergeTally(total, cell.tally);
  return total;
}

/** The team's rates as the baseline defines them (escalation = reassigned at least once), from a tally. */
function humanRates(t: Tally): Record<(typeof RATE_KPIS)[number], KpiValue> {
  const handled = handledOf(t);
  return {
    fcr_rate: rateKpi(t.fcr, handled, 'no handled items'),
    escalation_rate: rateKpi(t.reassigned, handled, 'no handled items'),
    reopen_rate: rateKpi(t.reopened, t.resolved, 'no resolved items'),
    sla_adherence: rateKpi(t.slaMet, t.slaJudged, 'no resolved items with an SLA verdict or target'),
  };
}

function significance(context: KpiContext, group: KpiGroup, human: readonly TallyCell[]): SignificanceRow[] {
  const baseline = context.baseline;
  if (!baseline) return [];
  const humanSet = humanRates(merged(human));
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
function resolutionTimeRow(
  context: KpiContext,
  group: KpiGroup,
  human: readonly TallyCell[],
): SignificanceRow {
  const fields = context.baseline?.baseline.cohort_by ?? [];
  const strata = new Map<string, { a: Sample; b: Sample }>();
  const stratum = (cell: TallyCell) => {
    const id = cohortKeyId(cohortKeyOf(cell.cohort, fields), fields);
    const found = strata.get(id) ?? { a: emptySample(), b: emptySample() };
    strata.set(id, found);
    return found;
  };
  for (const cell of agentCells(group)) mergeSample(stratum(cell).a, cell.tally.e2e);
  for (const cell of human) mergeSample(stratum(cell).b, cell.tally.latency);
  const shared = [...strata.values()].filter((s) => s.a.count > 0 && s.b.count > 0);
  const nAgent = shared.reduce((sum, s) => sum + s.a.count, 0);
  const nBaseline = shared.reduce((sum, s) => sum + s.b.count, 0);
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
function did(group: KpiGroup, baseline: readonly TallyCell[]): RoiStatement['difference_in_differences'] {
  const agents = agentCells(group);
  const cohortOf = (c: TallyCell) => `${c.cohort.workflow}|${c.cohort.category}|${c.cohort.priority}`;
  const agentCohorts = new Set(agents.filter((c) => handledOf(c.tally) > 0).map(cohortOf));
  const agent = merged(agents);
  const control = merged(group.cells.filter((c) => c.handler === HUMAN && agentCohorts.has(cohortOf(c))));
  const controlHandled = handledOf(control);
  if (controlHandled < MIN_CONTROL)
    return {
      rows: [],
      reason: `the concurrent control group has ${controlHandled} items; at least ${MIN_CONTROL} are needed`,
    };
  const pre = merged(baseline);
  const rows: DidRow[] = [];
  if (agent.latency.count >= 2 && control.latency.count >= 2 && pre.latency.count >= 2)
    rows.push({
      kpi: 'mttr_s',
      ...concurrentControlDid(
        sampleLevel(agent.latency),
        sampleLevel(control.latency),
        sampleLevel(pre.latency),
      ),
    });
  if (handledOf(pre) > 0 && handledOf(agent) > 0)
    rows.push({
      kpi: 'fcr_rate',
      ...concurrentControlDid(
        proportionLevel(agent.fcr, handledOf(agent)),
        proportionLevel(control.fcr, controlHandled),
        proportionLevel(pre.fcr, handledOf(pre)),
      ),
    });
  return { rows, reason: null };
}

/** A sample's mean and the squared standard error of it. */
function sampleLevel(sample: Sample): ArmLevel {
  return { level: sampleMean(sample), se2: sampleVariance(sample) / sample.count, n: sample.count };
}

/** The months since go-live of the period's filter, counts and costs only (no agent KPIs). */
async function monthsSince(
  ctx: Ctx,
  context: KpiContext,
  filter: ItemFilter,
  since: number,
  asOf: number,
): Promise<KpiGroup[]> {
  const to = Math.min(asOf, filter.to);
  return since < to
    ? computeKpiGroups(ctx, context, { ...filter, from: since, to }, ['month'], asOf, 'none')
    : [];
}

/** Monthly net savings and cost since go-live, projected to year one and year three. */
function projection(months: readonly KpiGroup[]): RoiProjection {
  return projectRoi(
    months
      .filter((m) => m.value !== null)
      .map((m) => ({
        netSavingsMicros: m.value?.amounts.net_savings_micros ?? 0,
        totalCostMicros: m.costMicros,
      })),
  );
}
