import type { BaselineBesideName, BaselineFigure, KpiGroup, KpiName } from '../api/answers.js';
import { KPI_CATALOG } from '../kpi/catalog.js';
import { formatUnit, type FormatContext } from './kpi-format.js';

// Exhaustive over the server's names: a KPI it adds a baseline figure for fails the type check here.
const BESIDE: Record<BaselineBesideName, true> = {
  e2e_mttr_s: true,
  e2e_latency_p50_s: true,
  e2e_latency_p90_s: true,
  fcr_rate: true,
  escalation_rate: true,
  reopen_rate: true,
  sla_adherence: true,
  cost_per_output: true,
};

/** Whether GET /v1/kpis puts a baseline figure beside this KPI (KPIS.md, The baseline beside each KPI). */
export function hasBaselineBeside(name: KpiName): name is BaselineBesideName {
  return Object.hasOwn(BESIDE, name);
}

const WEIGHTS: Record<BaselineFigure['weights'], string> = {
  handled_items: 'handled items',
  verified_outcomes: 'verified outcomes',
};

/**
 * The line beside an agent KPI: the server's baseline figure for the group and the weights it names,
 * e.g. "Baseline (same cohort mix, weighted by handled items): 6.7 hr", or why there is none.
 */
export function baselineText(
  name: BaselineBesideName,
  group: Pick<KpiGroup, 'baseline'> | undefined,
  format: FormatContext,
): string {
  const figure = group?.baseline?.kpis[name];
  if (figure === undefined) return 'Baseline: no baseline yet';
  const label = figure.baseline_kpi === 'cost_per_item' ? 'Baseline cost per item' : 'Baseline';
  const shown =
    figure.value === null
      ? (figure.reason ?? 'no matching cohorts')
      : formatUnit(KPI_CATALOG[name].unit, figure.value, format);
  return `${label} (same cohort mix, weighted by ${WEIGHTS[figure.weights]}): ${shown}`;
}
