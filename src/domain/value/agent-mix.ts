import { cohortKeyId, cohortKeyOf, type CohortKey } from '../baseline/cohort-key.js';
import type { Baseline } from '../baseline/baseline.js';
import { handleHoursFor, type RateCard } from '../baseline/rate-card.js';
import { causedRework, slaVerdict, type SlaHoursLookup } from '../kpis/quality-checks.js';
import type { KpiItem } from '../kpi-item.js';
import { MICROS } from '../money.js';
import { isAgentHandled, verificationStateAt } from '../verification.js';

/** One baseline cohort the agent worked in, with the agent's counts and the baseline's figures. */
export interface MixCohort {
  readonly key: CohortKey;
  readonly baselineCostPerItemMicros: number;
  readonly handleHours: number;
  /** The baseline's SLA breach rate of the cohort, null when it has none. */
  readonly baselineBreachRate: number | null;
  /** Handled agent items of the cohort whose outcome is durable or verified as of asOf (counted up in agentMix). */
  verified: number;
  /** Agent-resolved items of the cohort with an SLA verdict, and how many of them breached. */
  slaJudged: number;
  slaBreached: number;
}

/** The agent's counts over the whole period (all cohorts unless named otherwise). */
interface MixTally {
  handled: number;
  /** Handled items in cohorts the baseline has. */
  handledCovered: number;
  /** Handled minus provisional: the durable rate's denominator. */
  settled: number;
  verifiedTotal: number;
  /** Verified outcomes in cohorts the baseline lacks. */
  verifiedUncovered: number;
  resolved: number;
  /** Agent-resolved items that were reversed or caused rework, and the sum of their handle hours. */
  reworked: number;
  reworkHours: number;
  /** Handle hours summed over every agent-resolved item (risk-adjusted rework prices extra items at the mean). */
  resolvedHours: number;
}

const EMPTY_TALLY: Readonly<MixTally> = {
  handled: 0,
  handledCovered: 0,
  settled: 0,
  verifiedTotal: 0,
  verifiedUncovered: 0,
  resolved: 0,
  reworked: 0,
  reworkHours: 0,
  resolvedHours: 0,
};

/** The agent's period laid over the baseline's cohorts: what the value KPIs are computed from. */
export interface AgentMix extends Readonly<MixTally> {
  /** Baseline cohorts holding at least one handled agent item, in baseline order. */
  readonly cohorts: readonly MixCohort[];
  /** Cohorts of the agent's handled items that the baseline lacks. */
  readonly uncoveredCohorts: readonly CohortKey[];
}

/** Options of the agent's verification states and rework, as computeKpis takes them. */
export interface MixOptions {
  readonly asOf: number;
  readonly durabilityWindowMs: number;
  readonly reworkWindowMs: number;
  readonly slaHours: SlaHoursLookup;
}

/**
 * Count the agent's handled items per baseline cohort (keyed by the baseline's cohort_by). Handle hours
 * are the baseline's frozen ones; items in cohorts the baseline lacks take the rate card's, for rework only.
 */
export function agentMix(
  items: readonly KpiItem[],
  baseline: Baseline,
  rateCard: RateCard,
  options: MixOptions,
): AgentMix {
  const fields = baseline.cohort_by;
  const known = new Map<string, MixCohort>();
  for (const cohort of baseline.cohorts) {
    const cost = cohort.kpis.cost_per_item.value;
    const hours = cohort.kpis.handle_hours.value;
    if (cost === null || hours === null) continue;
    known.set(cohortKeyId(cohort.key, fields), {
      key: cohort.key,
      baselineCostPerItemMicros: Math.round(cost * MICROS),
      handleHours: hours,
      baselineBreachRate: cohort.kpis.sla_breach_rate.value,
      verified: 0,
      slaJudged: 0,
      slaBreached: 0,
    });
  }
  const touched = new Set<string>();
  const uncovered = new Map<string, CohortKey>();
  const tally = { ...EMPTY_TALLY };
  for (const item of items) {
    if (!isAgentHandled(item) || item.outcome === 'open') continue;
    tally.handled += 1;
    const id = cohortKeyId(cohortKeyOf(item, fields), fields);
    const cohort = known.get(id);
    const state = verificationStateAt(item, options.asOf, options.durabilityWindowMs);
    const isVerified = state === 'durable' || state === 'verified';
    if (state !== 'provisional') tally.settled += 1;
    if (isVerified) tally.verifiedTotal += 1;
    if (cohort === undefined) {
      uncovered.set(id, cohortKeyOf(item, fields));
      if (isVerified) tally.verifiedUncovered += 1;
    } else {
      touched.add(id);
      tally.handledCovered += 1;
      if (isVerified) cohort.verified += 1;
    }
    if (item.outcome !== 'resolved') continue;
    tally.resolved += 1;
    const hours = cohort?.handleHours ?? handleHoursFor(rateCard, item);
    tally.resolvedHours += hours;
    if (state === 'reversed' || causedRework(item, options.reworkWindowMs)) {
      tally.reworked += 1;
      tally.reworkHours += hours;
    }
    if (cohort === undefined || cohort.baselineBreachRate === null) continue;
    const met = slaVerdict(item, options.slaHours);
    if (met === null) continue;
    cohort.slaJudged += 1;
    if (!met) cohort.slaBreached += 1;
  }
  return {
    cohorts: [...known.entries()].filter(([id]) => touched.has(id)).map(([, cohort]) => cohort),
    uncoveredCohorts: [...uncovered.values()],
    ...tally,
  };
}
