import { WorkledgerError } from '../errors.js';
import type { KpiValue } from '../kpis/kpi-value.js';
import { toIso } from '../time.js';
import { BENCHMARKS } from '../value/benchmarks.js';
import { ALPHA } from '../value/significance.js';
import { agentRuleText, reviewAgent } from './agent-review.js';
import { formatDuration } from './format-figure.js';
import { openRisks } from './open-risks.js';
import { periodMaturity } from '../maturity.js';
import { buildFigures, notableChanges, withHolm } from './report-figures.js';
import { AGENT_KPIS, HEADLINE_KPIS } from './report-kpis.js';
import type { AgentReview, DailyPoint, WeeklyReport, WeeklyReportInput } from './weekly-report-model.js';

const ALL = 'all agents';

/**
 * Build the weekly report from two weeks of KPI answers: headline figures with their change (and their
 * verdict against the baseline), Holm-corrected per statement, the changes the tests support, a
 * recommendation per agent (none while the week is provisional), open risks.
 */
export function buildWeeklyReportModel(input: WeeklyReportInput): WeeklyReport {
  const { current, previous, thresholds, tenant, baseline } = input;
  if (!(current.from >= previous.to))
    throw new WorkledgerError('VALIDATION', 'the previous week must end before the reported week starts');
  const maturity = periodMaturity(current, current.asOf, input.durabilityWindowMs);
  const settlesAt = toIso(maturity.settles_at);
  const comparisons = (scope: string) => baseline?.comparisons.filter((c) => c.scope === scope) ?? [];
  const headline = withHolm(
    buildFigures(
      HEADLINE_KPIS,
      current.overall,
      previous.overall,
      { current: current.latencies.overall, previous: previous.latencies.overall },
      comparisons(ALL),
    ),
  );
  const agentIds = [...new Set([...current.agents, ...previous.agents].map((a) => a.agent))].sort();
  const agents: AgentReview[] = agentIds.map((agent) => {
    const figures = withHolm(
      buildFigures(
        AGENT_KPIS,
        current.agents.find((a) => a.agent === agent)?.kpis,
        previous.agents.find((a) => a.agent === agent)?.kpis,
        {
          current: current.latencies.byAgent.get(agent) ?? [],
          previous: previous.latencies.byAgent.get(agent) ?? [],
        },
        comparisons(agent),
      ),
    );
    if (!maturity.settled)
      return {
        agent,
        action: 'none' as const,
        reasons: [`provisional week: no recommendation until its figures settle on ${settlesAt}`],
        figures,
      };
    return { agent, ...reviewAgent(figures, thresholds), figures };
  });
  const byReason: Record<string, number> = {};
  for (const r of input.reversals) byReason[r.reason] = (byReason[r.reason] ?? 0) + r.count;
  const provisional = current.overall.n_provisional;
  return {
    report: 'weekly',
    tenant: { id: tenant.id, name: tenant.name, time_zone: tenant.timeZone, currency: tenant.currency },
    week: current.week,
    from: toIso(current.from),
    to: toIso(current.to),
    as_of: toIso(current.asOf),
    provisional: !maturity.settled,
    settles_at: settlesAt,
    comparison_basis: input.basis,
    previous: {
      week: previous.week,
      from: toIso(previous.from),
      to: toIso(previous.to),
      as_of: toIso(previous.asOf),
    },
    baseline: baseline
      ? { version: baseline.version, from: toIso(baseline.from), to: toIso(baseline.to) }
      : null,
    generated_at: toIso(input.generatedAt),
    thresholds,
    headline,
    better: [
      ...notableChanges(ALL, headline, 'better'),
      ...agents.flatMap((a) => notableChanges(a.agent, a.figures, 'better')),
    ],
    worse: [
      ...notableChanges(ALL, headline, 'worse'),
      ...agents.flatMap((a) => notableChanges(a.agent, a.figures, 'worse')),
    ],
    agents,
    risks: openRisks(
      headline,
      agents,
      input.reversals,
      thresholds,
      baseline !== null,
      maturity.settled ? null : { settlesAt },
    ),
    daily: input.daily.map((d): DailyPoint => ({
      day: d.day,
      provisional: d.to + input.durabilityWindowMs > current.asOf,
      items_handled: d.kpis.items_handled.value ?? 0,
      containment_rate: plainValue(d.kpis.containment_rate),
      error_rate: plainValue(d.kpis.error_rate),
    })),
    reversals: { total: input.reversals.reduce((sum, r) => sum + r.count, 0), by_reason: byReason },
    benchmarks: Object.values(BENCHMARKS).map((b) => b.text),
    method: [
      `Week ${current.week}: items opened from Monday 00:00 to the next Monday 00:00 in ${tenant.timeZone}; every figure is the KPI of KPIS.md over those items, as GET /v1/kpis answers it.`,
      maturity.settled
        ? `The week settled on ${settlesAt} (its end plus the ${formatDuration(input.durabilityWindowMs / 1000)} durability window): every resolution in it has had its whole window to be reopened, reassigned or reworked.`
        : `PROVISIONAL: the week settles on ${settlesAt} (its end plus the ${formatDuration(input.durabilityWindowMs / 1000)} durability window); until then its durable and error rates still move, and no recommendation is made.`,
      input.basis === 'settled'
        ? `Last week (${previous.week}) has settled too: both weeks are compared as they stand, settled periods only.`
        : `Last week (${previous.week}) is evaluated as of ${toIso(previous.asOf)}, ${formatDuration((current.asOf - previous.asOf) / 1000)} before this week's as-of, so both weeks are compared at equal maturity.`,
      `${provisional.value ?? 0} of ${provisional.n} handled items are still inside their durability window: durable and error rates cover settled items only.`,
      `Each statement's verdicts (the headline, and each agent) are corrected for multiple comparisons with Holm–Bonferroni over that statement's tests.`,
      `Better / worse: two-proportion z-test for rates, Mann-Whitney U for resolution times, two-sided at α = ${ALPHA}, week over week and against the frozen baseline (re-weighted to the agents' cohorts); fewer than 30 items on a side is "insufficient data", never a verdict. Costs and counts are shown without a verdict.`,
      agentRuleText(thresholds),
    ],
  };
}

/** A KPI's value where it may be drawn as a number: null when missing or on fewer than 30 items. */
export function plainValue(kpi: KpiValue): number | null {
  return kpi.low_n === true ? null : kpi.value;
}
