import { cohortKeyId, cohortKeyOf, type CohortKey } from '../baseline/cohort-key.js';
import type { Baseline } from '../baseline/baseline.js';
import { handleHoursFor, type RateCard } from '../baseline/rate-card.js';
import { handledOf, type TallyCell } from '../kpis/tally.js';
import { HUMAN } from '../kpi-item.js';
import { MICROS } from '../money.js';

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

/**
 * Count the agent's handled items per baseline cohort (keyed by the baseline's cohort_by) from a period's
 * tallies. Handle hours are the baseline's frozen ones; items in cohorts the baseline lacks take the rate
 * card's, for rework only.
 */
export function agentMix(cells: readonly TallyCell[], baseline: Baseline, rateCard: RateCard): AgentMix {
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
  for (const { handler, cohort: full, tally: t } of cells) {
    const handled = handledOf(t);
    if (handler === HUMAN || handled === 0) continue;
    tally.handled += handled;
    const key = cohortKeyOf(full, fields);
    const id = cohortKeyId(key, fields);
    const cohort = known.get(id);
    const verified = t.durable + t.verified;
    tally.settled += handled - t.provisional;
    tally.verifiedTotal += verified;
    if (cohort === undefined) {
      uncovered.set(id, key);
      tally.verifiedUncovered += verified;
    } else {
      touched.add(id);
      tally.handledCovered += handled;
      cohort.verified += verified;
    }
    if (t.resolved === 0) continue;
    tally.resolved += t.resolved;
    const hours = cohort?.handleHours ?? handleHoursFor(rateCard, full);
    tally.resolvedHours += t.resolved * hours;
    tally.reworked += t.reworkedOrReversed;
    tally.reworkHours += t.reworkedOrReversed * hours;
    if (cohort === undefined || cohort.baselineBreachRate === null) continue;
    cohort.slaJudged += t.slaJudged;
    cohort.slaBreached += t.slaJudged - t.slaMet;
  }
  return {
    cohorts: [...known.entries()].filter(([id]) => touched.has(id)).map(([, cohort]) => cohort),
    uncoveredCohorts: [...uncovered.values()],
    ...tally,
  };
}
