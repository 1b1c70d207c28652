import { WorkledgerError } from '../errors.js';
import { twoSidedPValue } from './normal-cdf.js';
import { Z_95 } from './wilson.js';

/** The result of a two-proportion z-test of p₁ = p₂. */
export interface TwoProportionZTest {
  /** p̂₁ − p̂₂. */
  readonly diff: number;
  /** (p̂₁ − p̂₂) ÷ the pooled standard error; 0 when both samples are all successes or all failures. */
  readonly z: number;
  /** Two-sided p-value of z. */
  readonly p: number;
  /** 95% Wald interval of the difference, with the unpooled standard error. */
  readonly ci: [number, number];
}

/**
 * Two-proportion z-test without continuity correction (z² equals Pearson's χ² of the 2×2 table, as R's
 * `prop.test(correct = FALSE)`): the statistic uses the pooled proportion, the interval the unpooled one.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TwoProportionZTest {
  requireCounts(x1, n1, 'x1', 'n1');
  requireCounts(x2, n2, 'x2', 'n2');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  // pooledSe is 0 only when both samples are all successes or all failures: then diff is 0 too.
  const z = pooledSe === 0 ? 0 : diff / pooledSe;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { diff, z, p: twoSidedPValue(z), ci: [diff - Z_95 * se, diff + Z_95 * se] };
}

function requireCounts(x: number, n: number, xName: string, nName: string): void {
  if (!Number.isInteger(n) || n < 1)
    throw new WorkledgerError('VALIDATION', `${nName} must be a positive count: ${n}`, nName);
  if (!Number.isInteger(x) || x < 0 || x > n)
    throw new WorkledgerError('VALIDATION', `${xName} must be a count in [0, ${n}]: ${x}`, xName);
}
