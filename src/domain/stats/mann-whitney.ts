import { WorkledgerError } from '../errors.js';
import { mannWhitneyExactPValue } from './mann-whitney-exact.js';
import { twoSidedPValue } from './normal-cdf.js';

/** The result of a two-sided Mann-Whitney U test of sample a against sample b. */
export interface MannWhitneyResult {
  /** U of sample a: pairs (aᵢ, bⱼ) with aᵢ > bⱼ, ties counting one half; n₁n₂/2 under the null. */
  readonly u: number;
  /** The normal-approximation statistic, tie- and continuity-corrected; > 0 when a tends larger. */
  readonly z: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** How p was computed: the exact null distribution, or the normal approximation. */
  readonly method: 'exact' | 'normal';
}

/** Largest sample size for which `auto` uses the exact distribution (as R's wilcox.test). */
const EXACT_LIMIT = 50;

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test, two-sided. `auto` (default) is exact when there are no ties
 * and both samples are under 50, else the normal approximation with tie correction of the variance and a
 * 0.5 continuity correction — the defaults of R's `wilcox.test` and SciPy's `mannwhitneyu`.
 */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  method: 'auto' | 'exact' | 'normal' = 'auto',
): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0)
    throw new WorkledgerError('VALIDATION', 'Mann-Whitney needs two non-empty samples');
  if ([...a, ...b].some((v) => !Number.isFinite(v)))
    throw new WorkledgerError('VALIDATION', 'Mann-Whitney samples must be finite numbers');
  const { rankSumA, tieTerm } = rankSum(a, b);
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const z = normalStatistic(u, n1, n2, tieTerm);
  const exact =
    method === 'exact' || (method === 'auto' && tieTerm === 0 && n1 < EXACT_LIMIT && n2 < EXACT_LIMIT);
  if (exact) {
    if (tieTerm !== 0)
      throw new WorkledgerError('VALIDATION', 'the exact Mann-Whitney test needs samples without ties');
    return { u, z, p: mannWhitneyExactPValue(u, n1, n2), method: 'exact' };
  }
  return { u, z, p: twoSidedPValue(z), method: 'normal' };
}

/** (U − n₁n₂/2 ∓ ½) ÷ σ with σ² = n₁n₂/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))); 0 when every value ties. */
function normalStatistic(u: number, n1: number, n2: number, tieTerm: number): number {
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return 0;
  const centred = u - (n1 * n2) / 2;
  const correction = Math.sign(centred) * 0.5;
  return (centred - correction) / Math.sqrt(variance);
}

/** The sum of a's midranks in the pooled sample, and Σ(t³ − t) over groups of t tied values. */
export function rankSum(a: readonly number[], b: readonly number[]): { rankSumA: number; tieTerm: number } {
  const pooled = [...a.map((value) => ({ value, inA: true })), ...b.map((value) => ({ value, inA: false }))];
  pooled.sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let tieTerm = 0;
  let start = 0;
  while (start < pooled.length) {
    let end = start + 1;
    while (end < pooled.length && pooled[end]?.value === pooled[start]?.value) end += 1;
    const t = end - start;
    const midrank = (start + 1 + end) / 2; // ranks start+1 … end, averaged
    for (let i = start; i < end; i++) if (pooled[i]?.inA === true) rankSumA += midrank;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { rankSumA, tieTerm };
}
