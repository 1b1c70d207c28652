import type { KpiName } from '../kpis/kpi-value.js';

/** The KPI groups of KPIS.md, in the order the report shows them: value first, volume last. */
export type KpiGroup = 'value' | 'velocity' | 'quality' | 'volume';

/** How a week-over-week change of a KPI can be tested, if at all. */
export type ChangeTest = 'rate' | 'latency' | 'none';

/** One KPI as the report presents it. */
export interface ReportKpi {
  readonly name: KpiName;
  readonly group: KpiGroup;
  readonly label: string;
  /** Which way is better; null when neither is (costs and counts are shown, never judged). */
  readonly better: 'higher' | 'lower' | null;
  readonly test: ChangeTest;
}

const kpi = (
  name: KpiName,
  group: KpiGroup,
  label: string,
  better: 'higher' | 'lower' | null,
  test: ChangeTest,
): ReportKpi => ({ name, group, label, better, test });

/**
 * The headline KPIs, value → velocity → quality → volume. Rates are tested with a two-proportion z-test,
 * the median and mean resolution time with Mann-Whitney on the resolution times; money and counts are
 * not sampled proportions, so their change is shown without a verdict.
 */
export const HEADLINE_KPIS: readonly ReportKpi[] = [
  kpi('net_savings', 'value', 'Net savings', 'higher', 'none'),
  kpi('roi', 'value', 'ROI', 'higher', 'none'),
  kpi('cost_ratio', 'value', 'Cost ratio vs baseline', 'lower', 'none'),
  kpi('cost_per_output', 'value', 'Cost per verified outcome', 'lower', 'none'),
  kpi('total_cost', 'value', 'Total AI cost', null, 'none'),
  kpi('labor_hours_displaced', 'value', 'Labor hours displaced', 'higher', 'none'),
  kpi('fte_displaced', 'value', 'FTE displaced', 'higher', 'none'),
  kpi('latency_p50_s', 'velocity', 'Resolution time p50', 'lower', 'latency'),
  kpi('latency_p90_s', 'velocity', 'Resolution time p90', 'lower', 'none'),
  kpi('mttr_s', 'velocity', 'MTTR (agent-resolved)', 'lower', 'latency'),
  // end to end is what compares with the team's MTTR (its test against the baseline is stratified by cohort)
  kpi('e2e_mttr_s', 'velocity', 'MTTR end to end', 'lower', 'none'),
  kpi('durable_rate', 'quality', 'Durable auto-resolve rate', 'higher', 'rate'),
  kpi('containment_rate', 'quality', 'Containment rate', 'higher', 'rate'),
  kpi('error_rate', 'quality', 'Error rate', 'lower', 'rate'),
  kpi('escalation_rate', 'quality', 'Escalation rate', 'lower', 'rate'),
  kpi('sla_adherence', 'quality', 'SLA adherence', 'higher', 'rate'),
  kpi('items_handled', 'volume', 'Items handled', null, 'none'),
  kpi('coverage_rate', 'volume', 'Coverage rate', 'higher', 'rate'),
];

/** The KPIs of each agent's line in the report. */
export const AGENT_KPIS: readonly ReportKpi[] = HEADLINE_KPIS.filter((k) =>
  [
    'items_handled',
    'durable_rate',
    'containment_rate',
    'error_rate',
    'latency_p50_s',
    'cost_per_output',
  ].includes(k.name),
);

/** The report's description of `name`; every headline and agent KPI has one. */
export function reportKpi(name: KpiName): ReportKpi | undefined {
  return HEADLINE_KPIS.find((k) => k.name === name);
}
