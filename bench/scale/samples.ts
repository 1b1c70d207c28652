/** Percentile `q` (0..1) of the samples by linear interpolation between closest ranks, as percentile_cont; NaN when empty. */
export function percentile(samples: readonly number[], q: number): number {
  return percentiles(samples, [q])[0] ?? Number.NaN;
}

/** Several percentiles of the samples, sorting them once. */
export function percentiles(samples: readonly number[], qs: readonly number[]): number[] {
  const sorted = Float64Array.from(samples).sort();
  return qs.map((q) => interpolate(sorted, q));
}

function interpolate(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/** The largest sample, or 0 when there is none (safe for long lists, unlike Math.max(...samples)). */
export function largest(samples: readonly number[]): number {
  let max = 0;
  for (const s of samples) if (s > max) max = s;
  return max;
}
