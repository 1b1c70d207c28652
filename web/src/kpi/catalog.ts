import type { KpiPart } from '../../../src/domain/kpis/kpi-members.js';
import type { KpiName } from '../../../src/domain/kpis/kpi-value.js';

/** How a KPI's number reads: the unit picks the formatter (format/kpi-format.ts). */
export type KpiUnit =
  'count' | 'rate' | 'seconds' | 'money' | 'hours' | 'fte' | 'percent' | 'months' | 'multiple' | 'score';

/** The dashboard's order of importance (KPIS.md): value, then velocity, then volume; quality beside them. */
export type KpiGroup = 'value' | 'velocity' | 'volume' | 'quality';

export interface KpiSpec {
  label: string;
  group: KpiGroup;
  unit: KpiUnit;
  /**
   * Which side of the KPI "Items →" lists (GET /v1/items?kpi=NAME&part=…): what a rate or count counts,
   * or the sample a mean, percentile or cost is taken over; null when the server lists neither.
   */
  drillDown: KpiPart | null;
  /** KPIS.md's industry band, shown for context and never used in a computation. */
  benchmark?: string;
}

const COUNTED: KpiPart = 'numerator';
const SAMPLE: KpiPart = 'denominator';

/** Every KPI of GET /v1/kpis as the dashboard shows it. */
export const KPI_CATALOG: Record<KpiName, KpiSpec> = {
  items_handled: { label: 'Items handled', group: 'volume', unit: 'count', drillDown: COUNTED },
  items_open: { label: 'Still open', group: 'volume', unit: 'count', drillDown: COUNTED },
  n_provisional: {
    label: 'Provisional (window open)',
    group: 'volume',
    unit: 'count',
    drillDown: COUNTED,
  },
  // Every item in the agents' scope, human ones included: what coverage is a share of.
  coverage_rate: { label: 'Coverage', group: 'volume', unit: 'rate', drillDown: SAMPLE },
  latency_p50_s: {
    label: 'Agent-resolved p50',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  latency_p90_s: {
    label: 'Agent-resolved p90',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  latency_p95_s: {
    label: 'Agent-resolved p95',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  mttr_s: {
    label: 'Agent-resolved MTTR',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  e2e_mttr_s: {
    label: 'MTTR end to end',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  e2e_latency_p50_s: {
    label: 'End-to-end p50',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  e2e_latency_p90_s: {
    label: 'End-to-end p90',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  first_response_p50_s: {
    label: 'First response p50',
    group: 'velocity',
    unit: 'seconds',
    drillDown: SAMPLE,
  },
  containment_rate: {
    label: 'Containment',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
    benchmark: '60–80% autonomous resolution of tier-1 incidents',
  },
  fcr_rate: {
    label: 'First-contact resolution',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  durable_rate: {
    label: 'Durable auto-resolve',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  // Needs human reviews, which do not exist yet: the server lists no side of it.
  verified_accuracy: {
    label: 'Verified accuracy',
    group: 'quality',
    unit: 'rate',
    drillDown: null,
  },
  error_rate: { label: 'Error rate', group: 'quality', unit: 'rate', drillDown: COUNTED },
  escalation_rate: {
    label: 'Escalation rate',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  reopen_rate: { label: 'Reopen rate', group: 'quality', unit: 'rate', drillDown: COUNTED },
  sla_adherence: { label: 'SLA adherence', group: 'quality', unit: 'rate', drillDown: COUNTED },
  state_change_verified_rate: {
    label: 'Verified state change',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  csat_mean: { label: 'CSAT', group: 'quality', unit: 'score', drillDown: SAMPLE },
  csat_response_rate: {
    label: 'CSAT response rate',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  rework_rate: {
    label: 'Downstream rework',
    group: 'quality',
    unit: 'rate',
    drillDown: COUNTED,
  },
  total_cost: { label: 'Total AI cost', group: 'value', unit: 'money', drillDown: SAMPLE },
  // The escalated and failed items the hand-off overhead is charged for.
  oversight_cost: {
    label: 'Human oversight cost',
    group: 'value',
    unit: 'money',
    drillDown: COUNTED,
  },
  unallocated_cost: {
    label: 'Unallocated cost',
    group: 'value',
    unit: 'money',
    drillDown: SAMPLE,
  },
  cost_per_output: {
    label: 'Cost per verified output',
    group: 'value',
    unit: 'money',
    drillDown: SAMPLE,
  },
  cost_ratio: {
    label: 'Cost vs baseline',
    group: 'value',
    unit: 'percent',
    drillDown: SAMPLE,
    benchmark: 'below 40% of the legacy baseline justifies accelerated scaling',
  },
  labor_hours_displaced: {
    label: 'Labor hours displaced',
    group: 'value',
    unit: 'hours',
    drillDown: SAMPLE,
  },
  fte_displaced: { label: 'FTE displaced', group: 'value', unit: 'fte', drillDown: SAMPLE },
  net_savings: {
    label: 'Net savings',
    group: 'value',
    unit: 'money',
    drillDown: SAMPLE,
    benchmark: '40–60% reduction of helpdesk labor cost',
  },
  sla_penalty_avoided: {
    label: 'SLA penalty avoided',
    group: 'value',
    unit: 'money',
    drillDown: SAMPLE,
  },
  roi: {
    label: 'ROI',
    group: 'value',
    unit: 'percent',
    drillDown: SAMPLE,
    benchmark: '150–300% cumulative ROI by year three',
  },
  payback_months: { label: 'Payback', group: 'value', unit: 'months', drillDown: SAMPLE },
  risk_adjusted_savings: {
    label: 'Risk-adjusted savings',
    group: 'value',
    unit: 'money',
    drillDown: SAMPLE,
  },
  displacement_multiplier: {
    label: 'Displacement multiplier',
    group: 'value',
    unit: 'multiple',
    drillDown: SAMPLE,
  },
};

export function isKpiName(name: string): name is KpiName {
  return Object.hasOwn(KPI_CATALOG, name);
}

/** Value and quality figures still move until the period settles (KPIS.md, Maturity): they are marked. */
export function isMaturing(name: KpiName): boolean {
  const group = KPI_CATALOG[name].group;
  return group === 'value' || group === 'quality';
}

/** The KPIs of each overview section, in the order they are shown. */
export const OVERVIEW_SECTIONS: { group: KpiGroup; title: string; kpis: KpiName[] }[] = [
  {
    group: 'value',
    title: 'Value',
    kpis: [
      'cost_per_output',
      'cost_ratio',
      'net_savings',
      'roi',
      'payback_months',
      'labor_hours_displaced',
      'fte_displaced',
      'risk_adjusted_savings',
      'total_cost',
      'oversight_cost',
      'unallocated_cost',
    ],
  },
  {
    group: 'velocity',
    title: 'Velocity',
    // The end-to-end times first: they are the ones the baseline stands beside (KPIS.md, Like for like).
    kpis: [
      'e2e_mttr_s',
      'e2e_latency_p50_s',
      'e2e_latency_p90_s',
      'mttr_s',
      'latency_p50_s',
      'latency_p90_s',
      'latency_p95_s',
      'first_response_p50_s',
    ],
  },
  {
    group: 'volume',
    title: 'Volume',
    kpis: ['items_handled', 'coverage_rate', 'items_open', 'n_provisional'],
  },
  {
    group: 'quality',
    title: 'Quality',
    kpis: [
      'containment_rate',
      'durable_rate',
      'fcr_rate',
      'escalation_rate',
      'error_rate',
      'reopen_rate',
      'sla_adherence',
      'rework_rate',
      'csat_mean',
    ],
  },
];
