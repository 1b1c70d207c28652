import type { Baseline, BaselineKpis } from '../baseline/baseline.js';
import { cohortKeyId, cohortKeyOf } from '../baseline/cohort-key.js';
import { HUMAN } from '../kpi-item.js';
import { handledOf, type TallyCell } from '../kpis/tally.js';
import type { KpiName } from '../kpis/kpi-value.js';

/** Which baseline KPI stands beside which agent KPI (KPIS.md, One baseline figure per KPI; Like for like). */
export const BASELINE_OF = {
  // The team's MTTR covers every item it resolved: it compares with the agent's end-to-end figures.
  e2e_mttr_s: 'mttr_s',
  e2e_latency_p50_s: 'latency_p50_s',
  e2e_latency_p90_s: 'latency_p90_s',
  fcr_rate: 'fcr_rate',
  escalation_rate: 'escalation_rate',
  reopen_rate: 'reopen_rate',
  sla_adherence: 'sla_adherence',
  cost_per_output: 'cost_per_item',
} as const satisfies Partial<Record<KpiName, keyof BaselineKpis>>;

export type BaselineBesideName = keyof typeof BASELINE_OF;

/** The agent KPIs that carry a baseline figure, in the API's order. */
export const BASELINE_BESIDE_NAMES: readonly BaselineBesideName[] = [
  'e2e_mttr_s',
  'e2e_latency_p50_s',
  'e2e_latency_p90_s',
  'fcr_rate',
  'escalation_rate',
  'reopen_rate',
  'sla_adherence',
  'cost_per_output',
];

/** How the cohorts were weighted: verified outcomes for value KPIs, handled items for the others. */
export const BASELINE_WEIGHTS = ['verified_outcomes', 'handled_items'] as const;
export type BaselineWeights = (typeof BASELINE_WEIGHTS)[number];

/** The baseline figure shown beside one agent KPI, re-weighted to the agent's cohort mix. */
export interface BaselineFigure {
  /** The baseline KPI it is read from. */
  readonly baseline_kpi: keyof BaselineKpis;
  readonly value: number | null;
  readonly weights: BaselineWeights;
  /** The agent items the weights count, in cohorts the baseline has a value for. */
  readonly n: number;
  /** How many baseline cohorts took part. */
  readonly cohorts: number;
  /** Percentiles of a mix are approximated by the weighted mean of the cohorts' percentiles. */
  readonly method: 'weighted mean of cohort values';
  readonly reason?: string;
}

/**
 * The baseline beside each agent KPI of a group, computed once by the server so every client shows the
 * same figure: Σ weightᶜ × baselineᶜ ÷ Σ weightᶜ over the baseline cohorts of the agent's items, the
 * weight being the agent's verified outcomes (value KPIs) or handled items (quality and velocity).
 */
export function baselineBeside(
  cells: readonly TallyCell[],
  baseline: Baseline,
): Record<BaselineBesideName, BaselineFigure> {
  const fields = baseline.cohort_by;
  const handled = new Map<string, number>();
  const verified = new Map<string, number>();
  for (const { handler, cohort, tally } of cells) {
    if (handler === HUMAN) continue;
    const id = cohortKeyId(cohortKeyOf(cohort, fields), fields);
    handled.set(id, (handled.get(id) ?? 0) + handledOf(tally));
    verified.set(id, (verified.get(id) ?? 0) + tally.durable + tally.verified);
  }
  const cohorts = new Map(baseline.cohorts.map((c) => [cohortKeyId(c.key, fields), c.kpis]));
  const figure = (name: BaselineBesideName): BaselineFigure => {
    const kpi = BASELINE_OF[name];
    const weights: BaselineWeights = name === 'cost_per_output' ? 'verified_outcomes' : 'handled_items';
    let sum = 0;
    let n = 0;
    let used = 0;
    for (const [id, count] of weights === 'verified_outcomes' ? verified : handled) {
      if (count === 0) continue;
      const value = cohorts.get(id)?.[kpi].value;
      if (value === null || value === undefined) continue;
      sum += count * value;
      n += count;
      used += 1;
    }
    const common = {
      baseline_kpi: kpi,
      weights,
      n,
      cohorts: used,
      method: 'weighted mean of cohort values',
    } as const;
    if (n === 0)
      return {
        ...common,
        value: null,
        reason:
          weights === 'verified_outcomes'
            ? 'no verified outcomes in cohorts the baseline has'
            : 'no handled items in cohorts the baseline has',
      };
    return { ...common, value: sum / n };
  };
  // Safe: every name of BASELINE_BESIDE_NAMES (all keys of BASELINE_OF) is assigned below.
  const figures = {} as Record<BaselineBesideName, BaselineFigure>;
  for (const name of BASELINE_BESIDE_NAMES) figures[name] = figure(name);
  return figures;
}
