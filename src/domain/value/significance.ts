import { WorkledgerError } from '../errors.js';
import { LOW_N, type KpiValue } from '../kpis/kpi-value.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { twoProportionZTest } from '../stats/two-proportion-z-test.js';

/** Significance level of every comparison with the baseline. */
export const ALPHA = 0.05;

/**
 * The KPIs compareToBaseline judges: rates by the two-proportion z-test, latencies and CSAT (samples) by
 * Mann-Whitney, each with the direction that is better.
 */
const COMPARABLE = {
  containment_rate: { kind: 'rate', better: 'higher' },
  fcr_rate: { kind: 'rate', better: 'higher' },
  durable_rate: { kind: 'rate', better: 'higher' },
  verified_accuracy: { kind: 'rate', better: 'higher' },
  sla_adherence: { kind: 'rate', better: 'higher' },
  state_change_verified_rate: { kind: 'rate', better: 'higher' },
  escalation_rate: { kind: 'rate', better: 'lower' },
  reopen_rate: { kind: 'rate', better: 'lower' },
  error_rate: { kind: 'rate', better: 'lower' },
  rework_rate: { kind: 'rate', better: 'lower' },
  sla_breach_rate: { kind: 'rate', better: 'lower' },
  latency_p50_s: { kind: 'sample', better: 'lower' },
  latency_p90_s: { kind: 'sample', better: 'lower' },
  latency_p95_s: { kind: 'sample', better: 'lower' },
  mttr_s: { kind: 'sample', better: 'lower' },
  first_response_p50_s: { kind: 'sample', better: 'lower' },
  csat_mean: { kind: 'sample', better: 'higher' },
} as const satisfies Record<string, { kind: 'rate' | 'sample'; better: 'higher' | 'lower' }>;

export type ComparableKpiName = keyof typeof COMPARABLE;

/** Successes of n, the evidence of a rate KPI. */
export interface RateEvidence {
  readonly successes: number;
  readonly n: number;
}

/** What one side of a comparison stands on: successes of n for a rate, the raw values for a sample KPI. */
export type ComparisonEvidence = RateEvidence | readonly number[];

export type Verdict = 'better' | 'worse' | 'no significant difference';

/** The verdict of an agent KPI against the baseline, with the test behind it. */
export interface Comparison {
  readonly verdict: Verdict;
  readonly test: 'two-proportion z-test' | 'Mann-Whitney U';
  /** Two-sided p-value; null when the samples were too small to test. */
  readonly p: number | null;
  readonly n_agent: number;
  readonly n_baseline: number;
  /** Why there was no test, when there was none. */
  readonly reason?: string;
}

/** Whether `name` is a rate compareToBaseline judges by the two-proportion z-test. */
export function isComparableRate(name: string): name is ComparableKpiName {
  return isComparableKpi(name) && COMPARABLE[name].kind === 'rate';
}

/** Whether `name` is a KPI compareToBaseline can judge. */
export function isComparableKpi(name: string): name is ComparableKpiName {
  return Object.hasOwn(COMPARABLE, name);
}

/**
 * Compare an agent KPI with the baseline at α = 0.05 (KPIS.md, Significance against baseline): "better"
 * or "worse" only when the two-sided test rejects equality, in the KPI's better direction; a side with
 * fewer than 30 items gets "no significant difference" untested, never more than the data supports.
 */
export function compareToBaseline(
  name: ComparableKpiName,
  agent: ComparisonEvidence,
  baseline: ComparisonEvidence,
): Comparison {
  const { kind, better } = COMPARABLE[name];
  const test = kind === 'rate' ? 'two-proportion z-test' : 'Mann-Whitney U';
  const base = { test, n_agent: sizeOf(agent), n_baseline: sizeOf(baseline) } as const;
  const outcome = runTest(name, kind, agent, baseline);
  if (base.n_agent < LOW_N || base.n_baseline < LOW_N)
    return {
      ...base,
      verdict: 'no significant difference',
      p: null,
      reason: `insufficient data: each side needs at least ${LOW_N} items`,
    };
  const { p, agentHigher } = outcome();
  if (p >= ALPHA) return { ...base, verdict: 'no significant difference', p };
  return { ...base, verdict: agentHigher === (better === 'higher') ? 'better' : 'worse', p };
}

/** A rate KPI as comparison evidence: successes = value × n (exact, since value = successes ÷ n), or null. */
export function rateEvidence(value: KpiValue): RateEvidence | null {
  if (value.value === null || value.n === 0) return null;
  return { successes: Math.round(value.value * value.n), n: value.n };
}

/** Check the evidence fits the KPI's test now, and run the test later (only when both sides are large enough). */
function runTest(
  name: ComparableKpiName,
  kind: 'rate' | 'sample',
  agent: ComparisonEvidence,
  baseline: ComparisonEvidence,
): () => { p: number; agentHigher: boolean } {
  if (kind === 'sample' && isSample(agent) && isSample(baseline))
    return () => {
      const result = mannWhitneyU(agent, baseline);
      return { p: result.p, agentHigher: result.u > (agent.length * baseline.length) / 2 };
    };
  if (kind === 'rate' && !isSample(agent) && !isSample(baseline))
    return () => {
      const result = twoProportionZTest(agent.successes, agent.n, baseline.successes, baseline.n);
      return { p: result.p, agentHigher: result.diff > 0 };
    };
  throw new WorkledgerError(
    'VALIDATION',
    `${name} compares ${kind === 'rate' ? 'successes and n' : 'samples of values'} on both sides`,
  );
}

function isSample(evidence: ComparisonEvidence): evidence is readonly number[] {
  return Array.isArray(evidence);
}

function sizeOf(evidence: ComparisonEvidence): number {
  return isSample(evidence) ? evidence.length : evidence.n;
}
