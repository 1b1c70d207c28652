import type { KpiName, KpiValue } from '../domain/kpis/kpi-value.js';

const RATE = /_rate$|^verified_accuracy$|^sla_adherence$|^roi$/;
const SECONDS = /_s$/;
const MONEY = new Set<KpiName>([
  'total_cost',
  'cost_per_output',
  'net_savings',
  'sla_penalty_avoided',
  'risk_adjusted_savings',
]);

/** A KPI value for people: rates in percent, times as durations, money with the currency. */
export function formatKpiValue(name: KpiName, value: number | null, currency: string): string {
  if (value === null) return '—';
  if (RATE.test(name)) return `${(value * 100).toFixed(1)}%`;
  if (SECONDS.test(name)) return formatDuration(value);
  if (MONEY.has(name)) return `${value.toFixed(2)} ${currency}`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(0)}s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)}m`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

/** One table row: name, value, interval, n, and the reason or the low-n flag. */
export function kpiRow(name: KpiName, kpi: KpiValue, currency: string): string[] {
  const ci = kpi.ci
    ? `${formatKpiValue(name, kpi.ci[0], currency)} … ${formatKpiValue(name, kpi.ci[1], currency)}`
    : '';
  const note = kpi.value === null ? (kpi.reason ?? '') : kpi.low_n ? 'insufficient data (n < 30)' : '';
  return [name, formatKpiValue(name, kpi.value, currency), ci, String(kpi.n), note];
}
