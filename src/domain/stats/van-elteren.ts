import { WorkledgerError } from '../errors.js';
import { sampleRankSum, type Sample } from './sample.js';
import { twoSidedPValue } from './normal-cdf.js';

/** One stratum (cohort) of a stratified rank test: sample a (the agent) and sample b (the baseline). */
export interface Stratum {
  readonly a: Sample;
  readonly b: Sample;
}

/** The result of van Elteren's stratified Wilcoxon rank-sum test, two-sided. */
export interface VanElterenResult {
  /** Σ Wᵢ ÷ (Nᵢ + 1): a's rank sums, each stratum weighted by 1 ÷ (its size + 1). */
  readonly t: number;
  /** (T − E[T]) ÷ √Var[T]; > 0 when a tends larger. */
  readonly z: number;
  readonly p: number;
  /** How many strata had both samples, and their sizes. */
  readonly strata: number;
  readonly n_a: number;
  readonly n_b: number;
}

/**
 * Van Elteren's test: Wilcoxon rank sums computed within each stratum and combined with weights
 * 1 ÷ (Nᵢ + 1), so samples are compared only within their own cohort and a different cohort mix cannot
 * make one side look faster (KPIS.md, Like for like). Normal approximation with the tie-corrected
 * variance nᵢmᵢ(Nᵢ + 1 − Σ(t³ − t) ÷ (Nᵢ(Nᵢ − 1))) ÷ 12; strata lacking a side are skipped. With one
 * stratum it is the Mann-Whitney normal test without continuity correction. Samples may be binned:
 * values sharing a bin tie, which the tie correction accounts for.
 */
export function vanElteren(strata: readonly Stratum[]): VanElterenResult {
  let t = 0;
  let expected = 0;
  let variance = 0;
  let used = 0;
  let nA = 0;
  let nB = 0;
  for (const { a, b } of strata) {
    if (a.count === 0 || b.count === 0) continue;
    const n = a.count;
    const m = b.count;
    const size = n + m;
    const weight = 1 / (size + 1);
    const { rankSumA, tieTerm } = sampleRankSum(a, b);
    t += weight * rankSumA;
    expected += (weight * n * (size + 1)) / 2;
    variance += weight * weight * ((n * m) / 12) * (size + 1 - tieTerm / (size * (size - 1)));
    used += 1;
    nA += n;
    nB += m;
  }
  if (used === 0) throw new WorkledgerError('VALIDATION', 'van Elteren needs a stratum with both samples');
  const z = variance > 0 ? (t - expected) / Math.sqrt(variance) : 0;
  return { t, z, p: twoSidedPValue(z), strata: used, n_a: nA, n_b: nB };
}
