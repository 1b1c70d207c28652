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
  /** Which way is good: the trend is coloured by it. */
  better: 'up' | 'down' | 'neither';
  /** GET /v1/items parameters that list the items the KPI counts (added to the period and filters). */
  items: Record<string, string>;
  /** KPIS.md's industry band, shown for context and never used in a computation. */
  benchmark?: string;
}

const AGENT = { handled_by: 'agent' };
const RESOLVED = { handled_by: 'agent', outcome: 'resolved' };
const HANDLED = { handled_by: 'agent', outcome: 'resolved,escalated,failed,abandoned' };

/** Every KPI of GET /v1/kpis as the dashboard shows it. */
export const KPI_CATALOG: Record<KpiName, KpiSpec> = {
  items_handled: { label: 'Items handled', group: 'volume', unit: 'count', better: 'up', items: HANDLED },
  items_open: {
    label: 'Still open',
    group: 'volume',
    unit: 'count',
    better: 'neither',
    items: { handled_by: 'agent', outcome: 'open' },
  },
  n_provisional: {
    label: 'Provisional (window open)',
    group: 'volume',
    unit: 'count',
    better: 'neither',
    items: RESOLVED,
  },
  coverage_rate: { label: 'Coverage', group: 'volume', unit: 'rate', better: 'up', items: {} },
  latency_p50_s: {
    label: 'Resolution p50',
    group: 'velocity',
    unit: 'seconds',
    better: 'down',
    items: RESOLVED,
  },
  latency_p90_s: {
    label: 'Resolution p90',
    group: 'velocity',
    unit: 'seconds',
    better: 'down',
    items: RESOLVED,
  },
  latency_p95_s: {
    label: 'Resolution p95',
    group: 'velocity',
    unit: 'seconds',
    better: 'down',
    items: RESOLVED,
  },
  mttr_s: { label: 'MTTR', group: 'velocity', unit: 'seconds', better: 'down', items: RESOLVED },
  first_response_p50_s: {
    label: 'First response p50',
    group: 'velocity',
    unit: 'seconds',
    better: 'down',
    items: AGENT,
  },
  containment_rate: {
    label: 'Containment',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
    benchmark: '60–80% autonomous resolution of tier-1 incidents',
  },
  fcr_rate: {
    label: 'First-contact resolution',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
  },
  durable_rate: {
    label: 'Durable auto-resolve',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
  },
  verified_accuracy: {
    label: 'Verified accuracy',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
  },
  error_rate: {
    label: 'Error rate',
    group: 'quality',
    unit: 'rate',
    better: 'down',
    items: { handled_by: 'agent', outcome: 'failed' },
  },
  escalation_rate: {
    label: 'Escalation rate',
    group: 'quality',
    unit: 'rate',
    better: 'down',
    items: { handled_by: 'agent', outcome: 'escalated' },
  },
  reopen_rate: { label: 'Reopen rate', group: 'quality', unit: 'rate', better: 'down', items: RESOLVED },
  sla_adherence: { label: 'SLA adherence', group: 'quality', unit: 'rate', better: 'up', items: RESOLVED },
  state_change_verified_rate: {
    label: 'Verified state change',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
  },
  csat_mean: { label: 'CSAT', group: 'quality', unit: 'score', better: 'up', items: RESOLVED },
  csat_response_rate: {
    label: 'CSAT response rate',
    group: 'quality',
    unit: 'rate',
    better: 'up',
    items: RESOLVED,
  },
  rework_rate: {
    label: 'Downstream rework',
    group: 'quality',
    unit: 'rate',
    better: 'down',
    items: RESOLVED,
  },
  total_cost: { label: 'Total AI cost', group: 'value', unit: 'money', better: 'neither', items: AGENT },
  cost_per_output: {
    label: 'Cost per verified output',
    group: 'value',
    unit: 'money',
    better: 'down',
    items: RESOLVED,
  },
  cost_ratio: {
    label: 'Cost vs baseline',
    group: 'value',
    unit: 'percent',
    better: 'down',
    items: RESOLVED,
    benchmark: 'below 40% of the legacy baseline justifies accelerated scaling',
  },
  labor_hours_displaced: {
    label: 'Labor hours displaced',
    group: 'value',
    unit: 'hours',
    better: 'up',
    items: RESOLVED,
  },
  fte_displaced: { label: 'FTE displaced', group: 'value', unit: 'fte', better: 'up', items: RESOLVED },
  net_savings: {
    label: 'Net savings',
    group: 'value',
    unit: 'money',
    better: 'up',
    items: AGENT,
    benchmark: '40–60% reduction of helpdesk labor cost',
  },
  sla_penalty_avoided: {
    label: 'SLA penalty avoided',
    group: 'value',
    unit: 'money',
    better: 'up',
    items: RESOLVED,
  },
  roi: {
    label: 'ROI',
    group: 'value',
    unit: 'percent',
    better: 'up',
    items: AGENT,
    benchmark: '150–300% cumulative ROI by year three',
  },
  payback_months: { label: 'Payback', group: 'value', unit: 'months', better: 'down', items: AGENT },
  risk_adjusted_savings: {
    label: 'Risk-adjusted savings',
    group: 'value',
    unit: 'money',
    better: 'up',
    items: AGENT,
  },
  displacement_multiplier: {
    label: 'Displacement multiplier',
    group: 'value',
    unit: 'multiple',
    better: 'up',
    items: AGENT,
  },
};

export function isKpiName(name: string): name is KpiName {
  return Object.hasOwn(KPI_CATALOG, name);
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
    ],
  },
  {
    group: 'velocity',
    title: 'Velocity',
    kpis: ['latency_p50_s', 'latency_p90_s', 'latency_p95_s', 'mttr_s', 'first_response_p50_s'],
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
