/** One KPI as the API answers it (KPIS.md, "Names in the API"). */
export interface KpiValue {
  value: number | null;
  ci: [number, number] | null;
  n: number;
  low_n?: boolean;
  reason?: string;
}

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
  'total_cost',
  'cost_per_output',
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

export type KpiName = (typeof KPI_NAMES)[number];
export type KpiSet = Record<KpiName, KpiValue>;

/** Below this many items a KPI keeps its value but is flagged `low_n` (KPIS.md, Statistics). */
export const LOW_N = 30;
