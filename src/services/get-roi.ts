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
  compareToBaseline,
  rateEvidence,
  type ComparableKpiName,
  type Comparison,
} from '../domain/value/significance.js';
import type { ValueCohort } from '../domain/value/value-kpis.js';
import { resolutionTime } from '../domain/verification.js';
import { toKpiItem } from '../store/item-row.js';
import { listKpiItemRows } from '../store/queries/items-read.js';
import { reader, requirePermission, type Ctx, type Verb } from './context.js';
import { checkWindow } from './get-kpis.js';
import { computeKpiGroups, loadKpiContext, type KpiContext, type KpiGroup } from './kpi-groups.js';
import { getTenantSettings } from './tenant-settings.js';

// The rates both sides have (a human baseline has no containment; its escalation is reassignment).
const RATE_KPIS = [
  'fcr_rate',
  'escalation_rate',
  'reopen_rate',
  'sla_adherence',
] as const satisfies readonly ComparableKpiName[];

export interface SignificanceRow extends Comparison {
  kpi: string;
  agent: number | null;
  baseline: number | null;
}

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
  roi_cumulative: KpiValue | null;
  since_go_live: string | null;
  cohorts: readonly ValueCohort[];
  notes: readonly string[];
  significance: SignificanceRow[];
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
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    as_of: toIso(asOf),
    currency: tenant.currency,
    baseline: baseline
      ? { version: baseline.version, from: toIso(baseline.baseline.from), to: toIso(baseline.baseline.to) }
      : null,
    value,
    roi_cumulative: group.value?.roi_cumulative ?? null,
    since_go_live: since === null ? null : toIso(since),
    cohorts: group.value?.cohorts ?? [],
    notes: group.value?.notes ?? (baseline ? [] : ['no baseline is frozen yet: workledger baseline freeze']),
    significance: significance(context, group, human),
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
    });
  }
  const agentLatency = latencies(group.members, true);
  const humanLatency = latencies(human, false);
  rows.push({
    kpi: 'mttr_s',
    agent: group.kpis.mttr_s.value,
    baseline: humanSet.mttr_s.value,
    ...compareToBaseline('mttr_s', agentLatency, humanLatency),
  });
  return rows;
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
