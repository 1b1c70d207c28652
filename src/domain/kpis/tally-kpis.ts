import { sampleMean, samplePercentile, sampleOf, type Sample } from '../stats/sample.js';
import { BOOTSTRAP_LIMIT, sampleMeanCi, samplePercentileCi } from '../stats/sample-intervals.js';
import { HUMAN } from '../kpi-item.js';
import { kpi, rateKpi, unavailableKpi, countKpi } from './build-kpi.js';
import { tallyCoverage, type AgentScopeLookup } from './coverage.js';
import type { KpiSet, KpiValue } from './kpi-value.js';
import { emptyTally, handledOf, mergeTally, type Tally, type TallyCell } from './tally.js';

/** The parts of a group's total AI cost that the value KPIs name on their own, micro-units. */
export interface CostParts {
  /** Escalation overhead and HITL review time priced at the loaded rate, plus reported oversight costs. */
  readonly oversightMicros: number;
  /** Range-cost shares of periods in which the agent had no items (KPIS.md, Costs: allocation). */
  readonly unallocatedMicros: number;
  /** Why oversight is not priced (no rate card), when it is not. */
  readonly oversightUnpriced?: string | undefined;
}

/** What the KPI formulas need: a period's tallies by handler and cohort, its cost, and the seed. */
export interface TallyKpiInput {
  readonly cells: readonly TallyCell[];
  /** The agent cells already merged, with their samples (cells may then hold counts only). */
  readonly agent?: Tally;
  readonly agentScope?: AgentScopeLookup;
  /** Total AI cost of the group (allocated, oversight and unallocated), integer micro-units. */
  readonly totalCostMicros: number;
  readonly costParts?: CostParts;
  readonly seed: number;
}

const MICROS = 1_000_000;
const NO_HANDLED = 'no handled items';
const NO_RESOLVED = 'no resolved items';
const NO_LATENCY = 'no resolved items with a resolution time';
const NO_E2E = 'no agent-handled items resolved by the agent or by a human after escalation';
const NO_FIRST_RESPONSE = 'no agent-handled items with a first response';

/** The agent cells of a period merged into one tally (human cells only count towards coverage). */
export function agentTally(cells: readonly TallyCell[]): Tally {
  const total = emptyTally();
  for (const cell of cells) if (cell.handler !== HUMAN) mergeTally(total, cell.tally);
  return total;
}

/** Every KPI of KPIS.md from a period's tallies, in the order the API lists them; nothing is rounded. */
export function kpisFromCells(input: TallyKpiInput): KpiSet {
  const t = input.agent ?? agentTally(input.cells);
  const handled = handledOf(t);
  const settled = handled - t.provisional;
  const noSettled = handled === 0 ? NO_HANDLED : 'every handled item is still provisional';
  const { seed } = input;
  const totalCost = input.totalCostMicros / MICROS;
  const verifiedOutcomes = t.durable + t.verified;
  const parts = input.costParts ?? { oversightMicros: 0, unallocatedMicros: 0 };
  const oversight = kpi(parts.oversightMicros / MICROS, null, handled);
  const needsBaseline = () => unavailableKpi('needs a frozen baseline and a rate card');
  const csat = csatSample(t);
  return {
    items_handled: countKpi(handled, handled),
    items_open: countKpi(t.open, t.items),
    n_provisional: countKpi(t.provisional, handled),
    coverage_rate: tallyCoverage(input.cells, input.agentScope),
    latency_p50_s: percentile(t.latency, 0.5, seed, NO_LATENCY),
    latency_p90_s: percentile(t.latency, 0.9, seed, NO_LATENCY),
    latency_p95_s: percentile(t.latency, 0.95, seed, NO_LATENCY),
    mttr_s: mean(t.latency, seed, NO_LATENCY),
    e2e_mttr_s: mean(t.e2e, seed, NO_E2E),
    e2e_latency_p50_s: percentile(t.e2e, 0.5, seed, NO_E2E),
    e2e_latency_p90_s: percentile(t.e2e, 0.9, seed, NO_E2E),
    first_response_p50_s: percentile(t.firstResponse, 0.5, seed, NO_FIRST_RESPONSE),
    containment_rate: rateKpi(t.resolved, handled, NO_HANDLED),
    fcr_rate: rateKpi(t.fcr, handled, NO_HANDLED),
    durable_rate: rateKpi(t.durable + t.verified, settled, noSettled),
    verified_accuracy: unavailableKpi('no HITL reviews yet: verified accuracy needs sampled human reviews'),
    error_rate: rateKpi(t.failed + t.reversed, settled, noSettled),
    escalation_rate: rateKpi(t.escalated, handled, NO_HANDLED),
    reopen_rate: rateKpi(t.reopened, t.resolved, NO_RESOLVED),
    sla_adherence: rateKpi(t.slaMet, t.slaJudged, 'no resolved items with an SLA verdict or target'),
    state_change_verified_rate: rateKpi(
      t.stateVerified,
      t.stateChecked,
      'no resolved items report a state-change check',
    ),
    csat_mean: mean(csat, seed, 'no agent-handled items with csat'),
    csat_response_rate: rateKpi(t.csatOnResolved, t.resolved, NO_RESOLVED),
    rework_rate: rateKpi(t.reworked, t.resolved, NO_RESOLVED),
    total_cost: kpi(totalCost, null, handled),
    // The cost is one allocated total, not a sample, so there is no interval to give.
    cost_per_output:
      verifiedOutcomes === 0
        ? unavailableKpi('no verified outcomes yet: cost per output needs durable or verified items')
        : kpi(totalCost / verifiedOutcomes, null, verifiedOutcomes),
    oversight_cost:
      parts.oversightUnpriced === undefined ? oversight : { ...oversight, reason: parts.oversightUnpriced },
    unallocated_cost: kpi(parts.unallocatedMicros / MICROS, null, handled),
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

function mean(sample: Sample, seed: number, emptyReason: string): KpiValue {
  if (sample.count === 0) return unavailableKpi(emptyReason);
  return kpi(sampleMean(sample), sampleMeanCi(sample, seed), sample.count);
}

function percentile(sample: Sample, p: number, seed: number, emptyReason: string): KpiValue {
  if (sample.count === 0) return unavailableKpi(emptyReason);
  return kpi(samplePercentile(sample, p), samplePercentileCi(sample, p, seed), sample.count);
}

/**
 * The agent items' csat answers as a sample: their values, ascending, while few enough to resample;
 * above, only the sums (the interval then reads the variance, see sampleMeanCi).
 */
function csatSample(tally: Tally): Sample {
  const count = tally.csat.reduce((a, b) => a + b, 0);
  if (count < BOOTSTRAP_LIMIT) {
    const values: number[] = [];
    tally.csat.forEach((n, i) => {
      for (let k = 0; k < n; k++) values.push(i + 1);
    });
    return sampleOf(values);
  }
  let sum = 0;
  let sumSquares = 0;
  tally.csat.forEach((n, i) => {
    sum += n * (i + 1);
    sumSquares += n * (i + 1) * (i + 1);
  });
  return { count, sum, sumSquares, exact: null, bins: new Map(), zeros: 0 };
}
