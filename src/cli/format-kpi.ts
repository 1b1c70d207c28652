import type { KpiName, KpiValue } from '../domain/kpis/kpi-value.js';
import { formatKpiNumber } from '../domain/report/format-figure.js';

/** A KPI value for people: the same formatting as the weekly report (rates in %, durations, money). */
export const formatKpiValue = formatKpiNumber;

/** One table row: name, value, interval, n, and the reason or the low-n flag. */
export function kpiRow(name: KpiName, kpi: KpiValue, currency: string): string[] {
  const ci = kpi.ci
    ? `${formatKpiValue(name, kpi.ci[0], currency)} … ${formatKpiValue(name, kpi.ci[1], currency)}`
    : '';
  const note = kpi.value === null ? (kpi.reason ?? '') : kpi.low_n ? 'insufficient data (n < 30)' : '';
  return [name, formatKpiValue(name, kpi.value, currency), ci, String(kpi.n), note];
}
