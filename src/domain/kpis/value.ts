import type { KpiSet, ValueKpiName } from './kpi-value.js';
import { kpi, unavailableKpi } from './build-kpi.js';
import type { KpiPopulation } from './kpi-population.js';

type ValueKpis = Pick<KpiSet, ValueKpiName>;

const MICROS_PER_UNIT = 1_000_000;

/**
 * total_cost (currency units) and cost_per_output = total cost ÷ verified outcomes (handled items
 * durable or verified as of `asOf`); the comparisons with the human side wait for a baseline.
 */
export function valueKpis(population: KpiPopulation, totalCostMicros: number): ValueKpis {
  const totalCost = totalCostMicros / MICROS_PER_UNIT;
  const verifiedOutcomes = population.states.durable + population.states.verified;
  // A fresh object each, so a caller editing one KPI cannot change another.
  const needsBaseline = () => unavailableKpi('needs a frozen baseline and a rate card');
  return {
    total_cost: kpi(totalCost, null, population.handled.length),
    // The cost is one allocated total, not a sample, so there is no interval to give.
    cost_per_output:
      verifiedOutcomes === 0
        ? unavailableKpi('no verified outcomes yet: cost per output needs durable or verified items')
        : kpi(totalCost / verifiedOutcomes, null, verifiedOutcomes),
    cost_ratio: needsBaseline(),
    labor_hours_displaced: needsBaseline(),
    fte_displaced: needsBaseline(),
    net_savings: needsBaseline(),
    sla_penalty_avoided: needsBaseline(),
    roi: needsBaseline(),
    payback_months: needsBaseline(),
    risk_adjusted_savings: needsBaseline(),
    displacement_multiplier: needsBaseline(),
  };
}
