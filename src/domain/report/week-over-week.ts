import type { KpiValue } from '../kpis/kpi-value.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { twoProportionZTest } from '../stats/two-proportion-z-test.js';
import type { ReportKpi } from './report-kpis.js';

/**
 * What the data supports about a change (KPIS.md, Statistics): `better`/`worse` only when the test
 * rejects equality at α; `insufficient data` when either week is low_n; `not tested` when the KPI is
 * not a sampled proportion or latency (money, counts) or either value is missing.
 */
export type Verdict = 'better' | 'worse' | 'no significant difference' | 'insufficient data' | 'not tested';

/** A KPI's change from the previous week to this one. */
export interface WeekChange {
  verdict: Verdict;
  /** This week's value minus the previous week's; null when either is missing. */
  delta: number | null;
  test: 'two-proportion z-test' | 'Mann-Whitney U' | null;
  /** Two-sided p-value, when a test ran. */
  p: number | null;
}

/** Resolution times in seconds of the agent-resolved items of each week, for the latency test. */
export interface LatencySamples {
  current: readonly number[];
  previous: readonly number[];
}

/** Compare one KPI across the two weeks with the test its kind allows. */
export function compareWeeks(
  kpi: ReportKpi,
  current: KpiValue,
  previous: KpiValue,
  alpha: number,
  latencies: LatencySamples | null,
): WeekChange {
  if (current.value === null || previous.value === null)
    return { verdict: 'not tested', delta: null, test: null, p: null };
  const delta = current.value - previous.value;
  if (kpi.test === 'none' || kpi.better === null) return { verdict: 'not tested', delta, test: null, p: null };
  if (current.low_n === true || previous.low_n === true)
    return { verdict: 'insufficient data', delta, test: null, p: null };
  if (kpi.test === 'rate') {
    // A rate KPI is successes ÷ n exactly, so value × n gives back the count.
    const result = twoProportionZTest(
      Math.round(current.value * current.n),
      current.n,
      Math.round(previous.value * previous.n),
      previous.n,
    );
    return judged(kpi, result.diff, result.p, alpha, delta, 'two-proportion z-test');
  }
  if (latencies === null || latencies.current.length === 0 || latencies.previous.length === 0)
    return { verdict: 'not tested', delta, test: null, p: null };
  const result = mannWhitneyU(latencies.current, latencies.previous);
  // U above n₁n₂/2: this week's times tend to be longer.
  const shift = result.u - (latencies.current.length * latencies.previous.length) / 2;
  return judged(kpi, shift, result.p, alpha, delta, 'Mann-Whitney U');
}

function judged(
  kpi: ReportKpi,
  direction: number,
  p: number,
  alpha: number,
  delta: number,
  test: NonNullable<WeekChange['test']>,
): WeekChange {
  if (!(p < alpha) || direction === 0) return { verdict: 'no significant difference', delta, test, p };
  const higher = direction > 0;
  const better = kpi.better === 'higher' ? higher : !higher;
  return { verdict: better ? 'better' : 'worse', delta, test, p };
}
