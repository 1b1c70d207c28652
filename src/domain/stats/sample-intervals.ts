import { bootstrapMeanCi, bootstrapPercentileCi } from './bootstrap.js';
import { rankReader, sampleMean, sampleVariance, sortedValues, type Sample } from './sample.js';

/** Below this many values intervals come from the seeded resampling bootstrap; above, from its large-sample form. */
export const BOOTSTRAP_LIMIT = 100;
const Z = 1.959963984540054;

/**
 * The 95% interval of a sample's mean: the seeded percentile bootstrap (1,000 resamples) for fewer than
 * BOOTSTRAP_LIMIT values; above, the normal interval mean ± 1.96·s/√n the bootstrap tends to — the
 * resampling would cost n × 1,000 draws per group for no visible difference. Null under 2 values.
 */
export function sampleMeanCi(sample: Sample, seed: number): [number, number] | null {
  if (sample.count < 2) return null;
  if (sample.count < BOOTSTRAP_LIMIT) return bootstrapMeanCi(sortedValues(sample), seed);
  const half = Z * Math.sqrt(sampleVariance(sample) / sample.count);
  const mean = sampleMean(sample);
  return [mean - half, mean + half];
}

/**
 * The 95% interval of a sample's p-quantile: the seeded bootstrap for fewer than BOOTSTRAP_LIMIT
 * values; above, the order statistics at ranks (n − 1)p ∓ 1.96·√(np(1 − p)) — the bootstrap
 * distribution of an order statistic is binomial, and this is its normal reading. Null under 2 values.
 */
export function samplePercentileCi(sample: Sample, p: number, seed: number): [number, number] | null {
  if (sample.count < 2) return null;
  if (sample.count < BOOTSTRAP_LIMIT) return bootstrapPercentileCi(sortedValues(sample), p, seed);
  const n = sample.count;
  const centre = (n - 1) * p;
  const spread = Z * Math.sqrt(n * p * (1 - p));
  const at = rankReader(sample);
  return [at(Math.max(0, Math.floor(centre - spread))), at(Math.min(n - 1, Math.ceil(centre + spread)))];
}
