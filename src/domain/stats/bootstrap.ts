import { WorkledgerError } from '../errors.js';
import { percentileCont } from './percentile.js';
import { createRandom, resampleSums, type Random } from './random.js';
import { betaVariate } from './random-variates.js';

/** Resamples per interval unless the caller asks otherwise. */
export const DEFAULT_RESAMPLES = 1000;

/**
 * Seeded percentile-bootstrap 95% interval for the mean of `values`: the 2.5% and 97.5%
 * `percentile_cont` of the resample means, or null when n < 2 (one value has no spread to resample).
 */
export function bootstrapMeanCi(
  values: readonly number[],
  seed: number,
  resamples = DEFAULT_RESAMPLES,
): [number, number] | null {
  if (values.length < 2) return null;
  return interval95(bootstrapMeanDistribution(values, seed, resamples));
}

/**
 * Seeded percentile-bootstrap 95% interval for the p-quantile (`percentile_cont`) of ascending
 * `sortedValues`, or null when n < 2.
 */
export function bootstrapPercentileCi(
  sortedValues: readonly number[],
  p: number,
  seed: number,
  resamples = DEFAULT_RESAMPLES,
): [number, number] | null {
  if (sortedValues.length < 2) return null;
  return interval95(bootstrapPercentileDistribution(sortedValues, p, seed, resamples));
}

/** The means of `resamples` seeded resamples (with replacement) of `values`; O(n) each. */
export function bootstrapMeanDistribution(
  values: readonly number[],
  seed: number,
  resamples = DEFAULT_RESAMPLES,
): number[] {
  requireResamples(resamples);
  const n = values.length;
  if (n === 0) throw new WorkledgerError('VALIDATION', 'bootstrap of an empty sample');
  const sums = resampleSums(Float64Array.from(values), seed, resamples);
  return Array.from(sums, (sum) => sum / n);
}

/**
 * The p-quantiles of `resamples` seeded resamples of ascending `sortedValues`, none of them sorted.
 * percentile_cont reads two neighbouring order statistics of a resample, ranks k and k + 1, and their
 * law is known, so each resample draws just those two (exactly in distribution, as a resample-and-sort
 * would give them): up to DISCRETE_LIMIT values from the binomial law of the ranks (a binary search and
 * at most two more draws a resample; the ranks are kept per n, p and seed, since they never depend on
 * the values), above it through uniform order statistics (a Beta variate and a minimum of uniforms).
 */
export function bootstrapPercentileDistribution(
  sortedValues: readonly number[],
  p: number,
  seed: number,
  resamples = DEFAULT_RESAMPLES,
): number[] {
  requireResamples(resamples);
  requireSorted(sortedValues);
  const n = sortedValues.length;
  if (n === 0) throw new WorkledgerError('VALIDATION', 'bootstrap of an empty sample');
  // percentileCont validates p and gives the interpolation ranks the resamples must reproduce.
  percentileCont(sortedValues, p);
  const h = (n - 1) * p;
  const k = Math.floor(h) + 1; // 1-based rank of the lower neighbour
  const fraction = h - (k - 1);
  return n <= DISCRETE_LIMIT
    ? discreteQuantiles(sortedValues, k, fraction, seed, resamples)
    : continuousQuantiles(sortedValues, k, fraction, createRandom(seed), resamples);
}

/** Up to this many values (ranks fit a byte), a resample's ranks are drawn from their binomial law. */
export const DISCRETE_LIMIT = 256;

/**
 * A resample is n draws of an index in 0…n−1; C(j) counts the draws ≤ j, Binomial(n, (j+1)/n). The
 * k-th smallest draw is index J = min{ j : C(j) ≥ k }, so P(J ≤ j) = P(C(j) ≥ k): J is drawn by
 * inverting that table. Given J = j, the (k+1)-th is j again unless exactly k draws are ≤ j, which has
 * probability E(j) = C(n,k)·(((j+1)/n)^k − (j/n)^k)·((n−j−1)/n)^(n−k) jointly with J = j; then it is
 * the smallest of the other n − k draws, uniform over j+1…n−1.
 */
function discreteQuantiles(
  x: readonly number[],
  k: number,
  fraction: number,
  seed: number,
  resamples: number,
): number[] {
  const { lower, upper } = discreteRanks(x.length, k, fraction, seed, resamples);
  const quantiles = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    const below = x[lower[r] as number] as number;
    quantiles[r] = below + fraction * ((x[upper[r] as number] as number) - below);
  }
  return quantiles;
}

/** The ranks each resample reads (0-based; upper = lower where the upper neighbour is the same draw). */
interface ResampleRanks {
  lower: Uint8Array;
  upper: Uint8Array;
}

// The ranks depend on n, k, whether percentile_cont interpolates, the seed and the count, never on the
// values: a KPI read asks for the same few (n, p) in every group with the same seed, so they are kept.
const RANKS = new Map<string, ResampleRanks>();
const RANKS_LIMIT = 4_096; // 2 KB each at 1,000 resamples

function discreteRanks(
  n: number,
  k: number,
  fraction: number,
  seed: number,
  resamples: number,
): ResampleRanks {
  const key = `${n}:${k}:${fraction === 0 ? 0 : 1}:${seed}:${resamples}`;
  const kept = RANKS.get(key);
  if (kept) return kept;
  const random = createRandom(seed);
  const atMost = rankTable(n, k);
  const lastAlone = new Float64Array(n);
  if (fraction !== 0) {
    const logChoose = logBinomial(n, k);
    for (let j = 0; j < n - 1; j++) {
      const mass = (atMost[j] as number) - (j > 0 ? (atMost[j - 1] as number) : 0);
      if (!(mass > 0)) continue;
      const exactly =
        Math.exp(logChoose + (n - k) * Math.log((n - j - 1) / n)) *
        ((j + 1) / n) ** k *
        (1 - (j / (j + 1)) ** k);
      lastAlone[j] = Math.min(1, Math.max(0, exactly / mass));
    }
  }
  const lower = new Uint8Array(resamples);
  const upper = new Uint8Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const u = 1 - random(); // in (0, 1]: the first j whose P(J ≤ j) reaches it
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((atMost[mid] as number) >= u) hi = mid;
      else lo = mid + 1;
    }
    lower[r] = lo;
    upper[r] = lo;
    if (fraction === 0 || !(random() < (lastAlone[lo] as number))) continue;
    const above = n - 1 - lo;
    upper[r] = lo + 1 + Math.min(above - 1, Math.floor(above * minOfUniforms(random, n - k)));
  }
  if (RANKS.size >= RANKS_LIMIT) RANKS.clear();
  const ranks = { lower, upper };
  RANKS.set(key, ranks);
  return ranks;
}

/** P(C(j) ≥ k) for j = 0…n−1 with C(j) ~ Binomial(n, (j+1)/n); the last is 1. */
function rankTable(n: number, k: number): Float64Array {
  const table = new Float64Array(n);
  for (let j = 0; j < n - 1; j++) {
    const q = (j + 1) / n;
    // the upper tail from the pmf at k, by the ratio pmf(i+1)/pmf(i) = (n−i)/(i+1) · q/(1−q)
    let pmf = Math.exp(logBinomial(n, k) + k * Math.log(q) + (n - k) * Math.log(1 - q));
    let tail = 0;
    const odds = q / (1 - q);
    for (let i = k; i <= n; i++) {
      tail += pmf;
      pmf *= ((n - i) / (i + 1)) * odds;
    }
    table[j] = Math.min(1, tail);
  }
  table[n - 1] = 1;
  // the table must not decrease (rounding): P(C(j) ≥ k) grows with j
  for (let j = 1; j < n; j++)
    if ((table[j] as number) < (table[j - 1] as number)) table[j] = table[j - 1] as number;
  return table;
}

/** ln C(n, k), summed (n is at most DISCRETE_LIMIT). */
function logBinomial(n: number, k: number): number {
  let total = 0;
  for (let i = 1; i <= k; i++) total += Math.log((n - k + i) / i);
  return total;
}

/** The same law through uniform order statistics, for large samples (no O(n²) table). */
function continuousQuantiles(
  sortedValues: readonly number[],
  k: number,
  fraction: number,
  random: Random,
  resamples: number,
): number[] {
  const n = sortedValues.length;
  const valueAt = (u: number): number => sortedValues[Math.min(n - 1, Math.floor(n * u))] ?? Number.NaN;
  const quantiles: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const uLower = betaVariate(random, k, n - k + 1);
    const lower = valueAt(uLower);
    if (fraction === 0) {
      quantiles.push(lower);
      continue;
    }
    const uUpper = uLower + (1 - uLower) * minOfUniforms(random, n - k);
    quantiles.push(lower + fraction * (valueAt(uUpper) - lower));
  }
  return quantiles;
}

/** The minimum of m iid U(0, 1), as 1 − V^(1/m); expm1/log keep precision when m is large. */
function minOfUniforms(random: Random, m: number): number {
  return -Math.expm1(Math.log(1 - random()) / m);
}

/**
 * percentile_cont at 2.5% and 97.5% of a bootstrap distribution. Only the four ranks those two read
 * matter, so they are selected (Hoare's quickselect, O(n)) rather than the whole distribution sorted:
 * the same numbers as sorting, for a fifth of the work.
 */
function interval95(distribution: readonly number[]): [number, number] {
  const n = distribution.length;
  if (n === 0) throw new WorkledgerError('VALIDATION', 'interval of an empty distribution');
  const values = Float64Array.from(distribution);
  const at = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const below = select(values, lo);
    if (h === lo || lo + 1 >= n) return below;
    // after selecting rank lo, everything right of it is ≥ it: rank lo + 1 is their minimum
    let above = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < n; i++) above = Math.min(above, values[i] as number);
    return below + (h - lo) * (above - below);
  };
  return [at(0.025), at(0.975)];
}

/** Put the k-th smallest (0-based) at index k, smaller ones left of it and larger right (in place). */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = values[(left + right) >>> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k] as number;
}

function requireResamples(resamples: number): void {
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new WorkledgerError('VALIDATION', `resamples must be a positive integer: ${resamples}`);
}

function requireSorted(values: readonly number[]): void {
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? Number.NaN) < (values[i - 1] ?? Number.NaN))
      throw new WorkledgerError('VALIDATION', 'bootstrapPercentile needs values sorted ascending');
  }
}
