import type { KpiSet, ValueKpiName } from './kpi-value.js';
import { kpi, unavailableKpi } from './build-kpi.js';
import type { KpiPopulation } from './kpi-population.js';

type ValueKpis = Pick<KpiSet, ValueKpiName>;

const MICROS_PER_UNIT = 1_000_000;

/** The parts of a group's total AI cost that the value KPIs name on their own, micro-units. */
export interface CostParts {
  /** Escalation overhead and HITL review time priced at the loaded rate, plus reported oversight costs. */
  readonly oversightMicros: number;
  /** Range-cost shares of periods in which the agent had no items (KPIS.md, Costs: allocation). */
  readonly unallocatedMicros: number;
  /** Why oversight is not priced (no rate card), when it is not. */
  readonly oversightUnpriced?: string | undefined;
}

const NO_PARTS: CostParts = { oversightMicros: 0, unallocatedMicros: 0 };

/**
 * total_cost (currency units, every part of KPIS.md's Costs), its oversight and unallocated parts, and
 * cost_per_output = total cost ÷ verified outcomes (handled items durable or verified as of `asOf`); the
 * comparisons with the human side wait for a baseline.
 */
export function valueKpis(
  population: KpiPopulation,
  totalCostMicros: number,
  parts: CostParts = NO_PARTS,
): ValueKpis {
  const totalCost = totalCostMicros / MICROS_PER_UNIT;
  const n = population.handled.length;
  const oversight = kpi(parts.oversightMicros / MICROS_PER_UNIT, null, n);
  const verifiedOutcomes = population.states.durable + population.states.verified;
  // A fresh object each, so a caller editing one KPI cannot change another.
  const needsBaseline = () => unavailableKpi('needs a frozen baseline and a rate card');
  return {
    total_cost: kpi(totalCost, null, n),
    // The cost is one allocated total, not a sample, so there is no interval to give.
    cost_per_output:
      verifiedOutcomes === 0
        ? unavailableKpi('no verified outcomes yet: cost per output needs durable or verified items')
        : kpi(totalCost / verifiedOutcomes, null, verifiedOutcomes),
    oversight_cost:
      parts.oversightUnpriced === undefined ? oversight : { ...oversight, reason: parts.oversightUnpriced },
    unallocated_cost: kpi(parts.unallocatedMicros / MICROS_PER_UNIT, null, n),
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
