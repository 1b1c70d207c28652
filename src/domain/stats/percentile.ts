import { WorkledgerError } from '../errors.js';

/**
 * The p-quantile of ascending `sorted` exactly as PostgreSQL `percentile_cont`: linear interpolation
 * between the closest ranks at h = (n − 1)·p (KPIS.md, Conventions).
 */
export function percentileCont(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new WorkledgerError('VALIDATION', `percentile must be in [0, 1]: ${p}`);
  const n = sorted.length;
  if (n === 0) throw new WorkledgerError('VALIDATION', 'percentile of an empty sample');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = at(sorted, lo);
  const fraction = h - lo;
  // At p = 1 (or an exact rank) there is no upper neighbour to read, and none is needed.
  if (fraction === 0) return below;
  return below + fraction * (at(sorted, lo + 1) - below);
}

/** The arithmetic mean of a non-empty sample. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new WorkledgerError('VALIDATION', 'mean of an empty sample');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sort a copy ascending by numeric value (Array#sort alone compares as strings). */
export function sortAscending(values: readonly number[]): number[] {
  // A typed array sorts numerically in native code, several times faster than a comparator callback.
  return Array.from(Float64Array.from(values).sort());
}

/** Read a rank the caller has already bounded; out of range means a bug, so it throws. */
function at(sorted: ArrayLike<number>, index: number): number {
  const v = sorted[index];
  if (v === undefined)
    throw new WorkledgerError('INTERNAL', `rank ${index} outside a sample of ${sorted.length}`);
  return v;
}
