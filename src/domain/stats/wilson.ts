import { WorkledgerError } from '../errors.js';

/** z for a two-sided 95% interval: the 97.5% quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval for `successes` out of `n` (KPIS.md: every rate shows a 95% Wilson
 * interval), or null when n = 0 because there is no rate to bound.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): [number, number] | null {
  if (!Number.isInteger(n) || n < 0) throw new WorkledgerError('VALIDATION', `n must be a count: ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n)
    throw new WorkledgerError('VALIDATION', `successes must be a count in [0, ${n}]: ${successes}`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1 in exact arithmetic; rounding must not show 0.9999….
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}
