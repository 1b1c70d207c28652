import { WorkledgerError } from '../errors.js';
import type { KpiValue } from '../kpis/kpi-value.js';
import { linearTrend, type LinearTrend } from '../stats/linear-trend.js';
import { BENCHMARKS } from './benchmarks.js';

/** One observed month since go-live: its net savings and total AI cost, micro-units. */
export interface MonthlyValue {
  readonly netSavingsMicros: number;
  readonly totalCostMicros: number;
}

/** Cumulative ROI projected to the end of year one and year three, beside the benchmark bands. */
export interface RoiProjection {
  readonly year_one_roi: KpiValue;
  readonly year_three_roi: KpiValue;
  /** Least-squares lines over month 1 … m (micro-units per month); null with fewer than 3 months. */
  readonly trend: { readonly net_savings: LinearTrend; readonly total_cost: LinearTrend } | null;
  readonly observed_months: number;
  readonly assumptions: readonly string[];
  readonly benchmarks: {
    readonly year_three_cumulative_roi: (typeof BENCHMARKS)['year_three_cumulative_roi'];
    readonly year_one_efficiency_gain: (typeof BENCHMARKS)['year_one_efficiency_gain'];
  };
}

/** Fewer months than this give no trend: two points always fit a line and say nothing about one. */
export const MIN_TREND_MONTHS = 3;

export const PROJECTION_ASSUMPTIONS: readonly string[] = [
  'month 1 is the first month after go-live and the months are consecutive',
  'observed months count as observed; only later months are projected',
  'monthly net savings and AI cost follow the least-squares line through the observed months, without saturation',
  'a projected monthly AI cost below 0 counts as 0',
  'cumulative ROI = Σ net savings ÷ Σ AI cost since go-live; one-time costs enter through their amortisation in the AI cost',
];

/**
 * Year-one and year-three cumulative ROI from the observed monthly series (KPIS.md, Benchmarks: shown
 * beside the bands, which enter no computation); a horizon the series already covers needs no trend.
 */
export function projectRoi(months: readonly MonthlyValue[]): RoiProjection {
  for (const month of months) {
    if (!Number.isSafeInteger(month.netSavingsMicros) || !Number.isSafeInteger(month.totalCostMicros))
      throw new WorkledgerError('VALIDATION', 'monthly amounts must be integer micro-units');
  }
  const points = (pick: (m: MonthlyValue) => number) => months.map((m, i) => ({ x: i + 1, y: pick(m) }));
  const trend =
    months.length < MIN_TREND_MONTHS
      ? null
      : {
          net_savings: linearTrend(points((m) => m.netSavingsMicros)),
          total_cost: linearTrend(points((m) => m.totalCostMicros)),
        };
  return {
    year_one_roi: cumulativeRoiAt(12, months, trend),
    year_three_roi: cumulativeRoiAt(36, months, trend),
    trend,
    observed_months: months.length,
    assumptions: PROJECTION_ASSUMPTIONS,
    benchmarks: {
      year_three_cumulative_roi: BENCHMARKS.year_three_cumulative_roi,
      year_one_efficiency_gain: BENCHMARKS.year_one_efficiency_gain,
    },
  };
}

function cumulativeRoiAt(
  horizon: number,
  months: readonly MonthlyValue[],
  trend: RoiProjection['trend'],
): KpiValue {
  const n = months.length;
  if (n < horizon && trend === null)
    return {
      value: null,
      ci: null,
      n,
      reason: `a projection needs at least ${MIN_TREND_MONTHS} months since go-live`,
    };
  let net = 0;
  let cost = 0;
  for (let t = 1; t <= horizon; t++) {
    const observed = months[t - 1];
    if (observed !== undefined) {
      net += observed.netSavingsMicros;
      cost += observed.totalCostMicros;
    } else if (trend !== null) {
      net += at(trend.net_savings, t);
      cost += Math.max(0, at(trend.total_cost, t));
    }
  }
  if (!(cost > 0)) return { value: null, ci: null, n, reason: 'no AI cost, so ROI is not defined' };
  return { value: net / cost, ci: null, n };
}

function at(line: LinearTrend, x: number): number {
  return line.intercept + line.slope * x;
}
