import type { KpiValue } from '../kpis/kpi-value.js';
import { compareToBaseline, isComparableKpi, rateEvidence } from '../value/significance.js';
import type { ReportKpi } from './report-kpis.js';

/**
 * What the data supports about a change (KPIS.md, Statistics): `better`/`worse` only when the test
 * rejects equality at α = 0.05; `insufficient data` when either side has fewer than 30 items; `not
 * tested` when the KPI is not a sampled proportion or latency (money, counts) or a value is missing.
 */
export const VERDICTS = [
  'better',
  'worse',
  'no significant difference',
  'insufficient data',
  'not tested',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The tests a change or a difference from the baseline is judged by. */
export const CHANGE_TESTS = [
  'two-proportion z-test',
  'Mann-Whitney U',
  'van Elteren (Mann-Whitney within cohorts)',
] as const;
export type ChangeTest = (typeof CHANGE_TESTS)[number];

/** A KPI's change from the previous week to this one (or its difference from the baseline). */
export interface WeekChange {
  verdict: Verdict;
  /** This week's value minus the other side's; null when either is missing. */
  delta: number | null;
  test: ChangeTest | null;
  /** Two-sided p-value, when a test ran. */
  p: number | null;
  /** The p-value after the Holm–Bonferroni correction over the statement's tests; the verdict uses it. */
  p_adjusted?: number | null;
}

/** Resolution times in seconds of the agent-resolved items of each week, for the latency test. */
export interface LatencySamples {
  current: readonly number[];
  previous: readonly number[];
}

/**
 * Compare one KPI across the two weeks with the significance test of the baseline comparison
 * (compareToBaseline, last week in the baseline's place): z-test for rates, Mann-Whitney for latencies.
 */
export function compareWeeks(
  kpi: ReportKpi,
  current: KpiValue,
  previous: KpiValue,
  latencies: LatencySamples | null,
): WeekChange {
  if (current.value === null || previous.value === null)
    return { verdict: 'not tested', delta: null, test: null, p: null };
  const delta = current.value - previous.value;
  const untested: WeekChange = { verdict: 'not tested', delta, test: null, p: null };
  if (kpi.test === 'none' || !isComparableKpi(kpi.name)) return untested;
  if (kpi.test === 'rate') {
    const now = rateEvidence(current);
    const before = rateEvidence(previous);
    if (!now || !before) return untested;
    return fromComparison(compareToBaseline(kpi.name, now, before), delta);
  }
  if (latencies === null || latencies.current.length === 0 || latencies.previous.length === 0)
    return untested;
  return fromComparison(compareToBaseline(kpi.name, latencies.current, latencies.previous), delta);
}

/** A compareToBaseline answer as a change; an untested small sample says "insufficient data". */
export function fromComparison(
  comparison: {
    verdict: 'better' | 'worse' | 'no significant difference';
    test: WeekChange['test'];
    p: number | null;
  },
  delta: number | null,
): WeekChange {
  if (comparison.p === null) return { verdict: 'insufficient data', delta, test: comparison.test, p: null };
  return { verdict: comparison.verdict, delta, test: comparison.test, p: comparison.p };
}
