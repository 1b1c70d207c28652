/** One KPI as the API answers it (KPIS.md, "Names in the API"). */
export interface KpiValue {
  value: number | null;
  ci: [number, number] | null;
  n: number;
  low_n?: boolean;
  reason?: string;
}

/** The value KPIs that compare the agents with a frozen human baseline (null until one exists). */
export const BASELINE_VALUE_KPI_NAMES = [
  'cost_ratio',
  'labor_hours_displaced',
  'fte_displaced',
  'net_savings',
  'sla_penalty_avoided',
  'roi',
  'payback_months',
  'risk_adjusted_savings',
  'displacement_multiplier',
] as const;

/** The value group of KPIS.md: what the agents cost, and what they save against the baseline. */
export const VALUE_KPI_NAMES = [
  'total_cost',
  'cost_per_output',
  'oversight_cost',
  'unallocated_cost',
  ...BASELINE_VALUE_KPI_NAMES,
] as const;

/** Every KPI name of KPIS.md, in the order the API lists them. */
export const KPI_NAMES = [
  'items_handled',
  'items_open',
  'n_provisional',
  'coverage_rate',
  'latency_p50_s',
  'latency_p90_s',
  'latency_p95_s',
  'mttr_s',
  'e2e_mttr_s',
  'e2e_latency_p50_s',
  'e2e_latency_p90_s',
  'first_response_p50_s',
  'containment_rate',
  'fcr_rate',
  'durable_rate',
  'verified_accuracy',
  'error_rate',
  'escalation_rate',
  'reopen_rate',
  'sla_adherence',
  'state_change_verified_rate',
  'csat_mean',
  'csat_response_rate',
  'rework_rate',
  ...VALUE_KPI_NAMES,
] as const;

export type KpiName = (typeof KPI_NAMES)[number];
export type KpiSet = Record<KpiName, KpiValue>;
export type BaselineValueKpiName = (typeof BASELINE_VALUE_KPI_NAMES)[number];
export type ValueKpiName = (typeof VALUE_KPI_NAMES)[number];

/** The KPIs of `names` out of a full set, in that order. */
export function pickKpis<N extends KpiName>(set: KpiSet, names: readonly N[]): Record<N, KpiValue> {
  // Safe: every name of `names` is assigned below, so the object is complete when returned.
  const picked = {} as Record<N, KpiValue>;
  for (const name of names) picked[name] = set[name];
  return picked;
}

/** Below this many items a KPI keeps its value but is flagged `low_n` (KPIS.md, Statistics). */
export const LOW_N = 30;
