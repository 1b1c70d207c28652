import type { KpiSet } from './kpi-value.js';
import { rateKpi, unavailableKpi } from './build-kpi.js';
import { countWhere, type KpiPopulation } from './kpi-population.js';

type OutcomeQualityKpis = Pick<
  KpiSet,
  | 'containment_rate'
  | 'fcr_rate'
  | 'durable_rate'
  | 'verified_accuracy'
  | 'error_rate'
  | 'escalation_rate'
  | 'reopen_rate'
>;

const NO_HANDLED = 'no handled items';
const NO_RESOLVED = 'no resolved items';

/** The quality rates read from outcomes, counters and verification states, each with a Wilson interval. */
export function outcomeQualityKpis(population: KpiPopulation): OutcomeQualityKpis {
  const { handled, resolved, states } = population;
  // Provisional items are left out until their durability window closes (KPIS.md, durable rate).
  const settled = handled.length - states.provisional;
  const noSettled = handled.length === 0 ? NO_HANDLED : 'every handled item is still provisional';
  const failed = countWhere(handled, (item) => item.outcome === 'failed');

  return {
    containment_rate: rateKpi(resolved.length, handled.length, NO_HANDLED),
    fcr_rate: rateKpi(
      countWhere(resolved, (item) => item.reassignmentCount === 0 && item.reopenCount === 0),
      handled.length,
      NO_HANDLED,
    ),
    durable_rate: rateKpi(states.durable + states.verified, settled, noSettled),
    verified_accuracy: unavailableKpi('no HITL reviews yet: verified accuracy needs sampled human reviews'),
    error_rate: rateKpi(failed + states.reversed, settled, noSettled),
    escalation_rate: rateKpi(
      countWhere(handled, (item) => item.outcome === 'escalated'),
      handled.length,
      NO_HANDLED,
    ),
    reopen_rate: rateKpi(
      countWhere(resolved, (item) => item.reopenCount > 0),
      resolved.length,
      NO_RESOLVED,
    ),
  };
}
