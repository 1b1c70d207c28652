import type { KpiName, KpiValue } from '../kpis/kpi-value.js';

const RATE = /_rate$|^verified_accuracy$|^sla_adherence$|^roi$/;
const SECONDS = /_s$/;
const MONEY = new Set<KpiName>([
  'total_cost',
  'cost_per_output',
  'oversight_cost',
  'unallocated_cost',
  'net_savings',
  'sla_penalty_avoided',
  'risk_adjusted_savings',
]);

/** A KPI value for people, as the CLI prints it: rates in percent, durations, money with the currency. */
export function formatKpiNumber(name: KpiName, value: number | null, currency: string): string {
  if (value === null) return '—';
  if (RATE.test(name)) return `${(value * 100).toFixed(1)}%`;
  if (SECONDS.test(name)) return formatDuration(value);
  if (MONEY.has(name)) return `${value.toFixed(2)} ${currency}`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Seconds as s, m, h or d with one decimal. */
export function formatDuration(seconds: number): string {
  if (seconds < 0) return `−${formatDuration(-seconds)}`;
  if (seconds < 90) return `${seconds.toFixed(0)}s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)}m`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

/** What a reader sees for a KPI: the number, "insufficient data" below 30 items, or the reason it is missing. */
export function formatKpiShown(name: KpiName, kpi: KpiValue, currency: string): string {
  if (kpi.value === null) return `unavailable (${kpi.reason ?? 'not computed'})`;
  if (kpi.low_n === true) return `insufficient data (n = ${kpi.n})`;
  return formatKpiNumber(name, kpi.value, currency);
}

/** The 95% interval as `lo–hi`, or empty when there is none or the KPI is not shown as a number. */
export function formatInterval(name: KpiName, kpi: KpiValue, currency: string): string {
  if (kpi.ci === null || kpi.value === null || kpi.low_n === true) return '';
  return `${formatKpiNumber(name, kpi.ci[0], currency)}–${formatKpiNumber(name, kpi.ci[1], currency)}`;
}

/** A change as a signed difference: points for rates, durations and amounts otherwise. */
export function formatDelta(name: KpiName, delta: number | null, currency: string): string {
  if (delta === null) return '';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  if (RATE.test(name)) return `${sign}${Math.abs(delta * 100).toFixed(1)} pts`;
  return `${sign}${formatKpiNumber(name, Math.abs(delta), currency)}`;
}

/** A p-value for people: `p = 0.012`, `p < 0.001`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
