import { bootstrapMeanCi, bootstrapPercentileCi } from '../stats/bootstrap.js';
import { mean, percentileCont } from '../stats/percentile.js';
import { wilsonInterval } from '../stats/wilson.js';
import { LOW_N, type KpiValue } from './kpi-value.js';

/** A computed KPI, flagged `low_n` when it stands on fewer than LOW_N items (KPIS.md, Statistics). */
export function kpi(value: number, ci: [number, number] | null, n: number): KpiValue {
  return n < LOW_N ? { value, ci, n, low_n: true } : { value, ci, n };
}

/** A KPI that cannot be computed: value null, with the reason the API shows. */
export function unavailableKpi(reason: string, n = 0): KpiValue {
  return { value: null, ci: null, n, reason };
}

/** A count (no interval); `n` is the population it was counted from. */
export function countKpi(count: number, n: number): KpiValue {
  return kpi(count, null, n);
}

/** successes ÷ n with its 95% Wilson interval, or unavailable with `emptyReason` when n = 0. */
export function rateKpi(successes: number, n: number, emptyReason: string): KpiValue {
  if (n === 0) return unavailableKpi(emptyReason);
  return kpi(successes / n, wilsonInterval(successes, n), n);
}

/** The mean of a sample with its seeded bootstrap interval, or unavailable when the sample is empty. */
export function meanKpi(values: readonly number[], seed: number, emptyReason: string): KpiValue {
  if (values.length === 0) return unavailableKpi(emptyReason);
  return kpi(mean(values), bootstrapMeanCi(values, seed), values.length);
}

/** The p-quantile (percentile_cont) of ascending `sorted` with its seeded bootstrap interval. */
export function percentileKpi(
  sorted: readonly number[],
  p: number,
  seed: number,
  emptyReason: string,
): KpiValue {
  if (sorted.length === 0) return unavailableKpi(emptyReason);
  return kpi(percentileCont(sorted, p), bootstrapPercentileCi(sorted, p, seed), sorted.length);
}
