import { wilsonInterval } from '../../src/domain/stats/wilson.js';
import {
  KPI_NAMES,
  LOW_N,
  type KpiName,
  type KpiSet,
  type KpiValue,
} from '../../src/domain/kpis/kpi-value.js';

/** A KPI set where every KPI is unavailable except the ones given. */
export function kpiSet(values: Partial<Record<KpiName, KpiValue>> = {}): KpiSet {
  const set = Object.fromEntries(
    KPI_NAMES.map((name) => [
      name,
      values[name] ?? { value: null, ci: null, n: 0, reason: 'not in this test' },
    ]),
  );
  return set as KpiSet;
}

/** successes ÷ n with its Wilson interval and the low_n flag, as the KPI engine answers a rate. */
export function rate(successes: number, n: number): KpiValue {
  const value: KpiValue = { value: successes / n, ci: wilsonInterval(successes, n), n };
  return n < LOW_N ? { ...value, low_n: true } : value;
}

/** A count KPI. */
export function count(value: number, n = value): KpiValue {
  return n < LOW_N ? { value, ci: null, n, low_n: true } : { value, ci: null, n };
}
