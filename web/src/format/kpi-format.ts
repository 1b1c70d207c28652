import type { KpiName, KpiValue } from '../../../src/domain/kpis/kpi-value.js';
import { KPI_CATALOG, type KpiUnit } from '../kpi/catalog.js';

/** Where numbers are shown: the browser's locale and the tenant's currency (GET /v1/kpis answers it). */
export interface FormatContext {
  locale: string;
  currency: string;
}

type DurationUnit = 'second' | 'minute' | 'hour' | 'day';
const SECONDS: Record<DurationUnit, number> = { second: 1, minute: 60, hour: 3600, day: 86_400 };

/** The unit a duration reads best in: seconds below 90 s, minutes below 90 min, hours below 48 h, else days. */
export function durationUnit(seconds: number): DurationUnit {
  const abs = Math.abs(seconds);
  if (abs < 90) return 'second';
  if (abs < 90 * 60) return 'minute';
  if (abs < 48 * 3600) return 'hour';
  return 'day';
}

export function formatDuration(seconds: number, locale: string, unit = durationUnit(seconds)): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'second' ? 0 : 1,
  }).format(seconds / SECONDS[unit]);
}

export function formatMoney(amount: number, { locale, currency }: FormatContext): string {
  const whole = Math.abs(amount) >= 1000;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A number in `unit`; durations in `durationAs` when given, so an interval shares its value's unit. */
export function formatUnit(
  unit: KpiUnit,
  value: number,
  format: FormatContext,
  durationAs?: DurationUnit,
): string {
  const { locale } = format;
  const decimals = (max: number, min = 0) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max }).format(value);
  switch (unit) {
    case 'count':
      return formatCount(value, locale);
    case 'rate':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value);
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
    case 'money':
      return formatMoney(value, format);
    case 'seconds':
      return formatDuration(value, locale, durationAs);
    case 'hours':
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'hour',
        unitDisplay: 'short',
        maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1,
      }).format(value);
    case 'fte':
      return `${decimals(1, 1)} FTE`;
    case 'months':
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'month',
        unitDisplay: 'long',
        maximumFractionDigits: 1,
      }).format(value);
    case 'multiple':
      return `${decimals(1, 1)}×`;
    case 'score':
      return `${decimals(2, 2)} / 5`;
    default: {
      const unreachable: never = unit;
      return String(unreachable);
    }
  }
}

/** How one KPI is shown: its number, or "insufficient data" (low_n), or why there is none. */
export interface ShownKpi {
  state: 'value' | 'low_n' | 'null';
  text: string;
  /** "95% CI a – b", or null when the KPI has no interval. */
  interval: string | null;
  /** "n = 1,234". */
  n: string;
  /** Why the value is null, from the API. */
  reason: string | null;
}

export const INSUFFICIENT_DATA = 'insufficient data';

/** A count (or a sum of money) is exact however few items it has; only estimates hide behind low_n. */
export function isExactKpi(name: KpiName): boolean {
  return KPI_CATALOG[name].unit === 'count' || name === 'total_cost';
}

/** The number a KPI shows, or null when it shows none (no value, or an estimate over too few items). */
export function shownValue(name: KpiName, kpi: KpiValue | undefined): number | null {
  if (kpi === undefined || kpi.value === null) return null;
  return kpi.low_n && !isExactKpi(name) ? null : kpi.value;
}

/**
 * Format a KPI of GET /v1/kpis as every page shows it (the browser tests compare with this): an
 * estimate over fewer than 30 items (low_n) reads "insufficient data" (KPIS.md, Statistics).
 */
export function formatKpi(name: KpiName, kpi: KpiValue | undefined, format: FormatContext): ShownKpi {
  const unit = KPI_CATALOG[name].unit;
  if (kpi === undefined) return { state: 'null', text: '—', interval: null, n: '', reason: 'not reported' };
  const n = `n = ${formatCount(kpi.n, format.locale)}`;
  if (kpi.value === null)
    return { state: 'null', text: '—', interval: null, n, reason: kpi.reason ?? 'not available' };
  if (kpi.low_n && !isExactKpi(name))
    return { state: 'low_n', text: INSUFFICIENT_DATA, interval: null, n, reason: null };
  const durationAs = unit === 'seconds' ? durationUnit(kpi.value) : undefined;
  const interval = kpi.ci
    ? `95% CI ${formatUnit(unit, kpi.ci[0], format, durationAs)} – ${formatUnit(unit, kpi.ci[1], format, durationAs)}`
    : null;
  return { state: 'value', text: formatUnit(unit, kpi.value, format, durationAs), interval, n, reason: null };
}
