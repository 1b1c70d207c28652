import { WorkledgerError } from '../errors.js';
import { percentileCont } from './percentile.js';

/**
 * A mergeable sample of non-negative values (latencies in seconds): the exact values while it is
 * small, else a DDSketch — counts of values in logarithmic bins of relative width 2α — so sums of
 * samples over days, weeks and cohorts merge exactly and any percentile reads within α of
 * percentile_cont (KPIS.md, Percentiles: within 1%). Count, sum and sum of squares stay exact.
 */
export interface Sample {
  count: number;
  sum: number;
  sumSquares: number;
  /** The values, while the sample is exact; null once it holds bins. */
  exact: number[] | null;
  /** Bin index → count, once binned; values under ZERO_LIMIT count in `zeros`. */
  bins: Map<number, number> | null;
  zeros: number;
}

/** Relative accuracy of a binned value: half a percent, so interpolation stays within 1%. */
export const SKETCH_ALPHA = 0.005;
const GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
/** Values below a millisecond are counted as zero (a resolution cannot be faster than the clock). */
const ZERO_LIMIT = 0.001;
/** A stored sample keeps its exact values up to this many, then bins them. */
export const EXACT_LIMIT = 128;

export function emptySample(): Sample {
  return { count: 0, sum: 0, sumSquares: 0, exact: [], bins: null, zeros: 0 };
}

/** A sample of these values, exact. */
export function sampleOf(values: readonly number[]): Sample {
  const sample = emptySample();
  for (const value of values) addValue(sample, value);
  return sample;
}

function checkValue(value: number): void {
  if (!(Number.isFinite(value) && value >= 0))
    throw new WorkledgerError('VALIDATION', `a sample value must be a finite number ≥ 0: ${value}`);
}

function binOf(value: number): number {
  return Math.ceil(Math.log(value) / LOG_GAMMA);
}

/** The value a bin stands for: the point whose relative distance to both bin edges is α. */
function binValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

/** Add one value (in place). */
export function addValue(sample: Sample, value: number): void {
  checkValue(value);
  sample.count += 1;
  sample.sum += value;
  sample.sumSquares += value * value;
  if (sample.exact) sample.exact.push(value);
  else addToBins(sample, value, 1);
}

/** Remove one value added before (in place): rollups subtract an item's old contribution. */
export function removeValue(sample: Sample, value: number): void {
  checkValue(value);
  if (sample.exact) {
    const at = sample.exact.indexOf(value);
    if (at < 0) throw new WorkledgerError('INTERNAL', `removing ${value}, which the sample does not hold`);
    sample.exact.splice(at, 1);
  } else addToBins(sample, value, -1);
  sample.count -= 1;
  sample.sum -= value;
  sample.sumSquares -= value * value;
  if (sample.count === 0) Object.assign(sample, emptySample());
}

function addToBins(sample: Sample, value: number, times: number): void {
  if (value < ZERO_LIMIT) {
    sample.zeros += times;
    return;
  }
  const bins = sample.bins ?? new Map<number, number>();
  sample.bins = bins;
  const index = binOf(value);
  const count = (bins.get(index) ?? 0) + times;
  if (count === 0) bins.delete(index);
  else bins.set(index, count);
}

/** Turn an exact sample into bins (in place): what storage does above EXACT_LIMIT values. */
export function binSample(sample: Sample): void {
  if (!sample.exact) return;
  const values = sample.exact;
  sample.exact = null;
  sample.bins = new Map();
  sample.zeros = 0;
  for (const value of values) addToBins(sample, value, 1);
}

/**
 * Merge `other` into `into` (in place; `other` is left as it was). Exact samples stay exact when both
 * are, whatever their size: a query over small buckets answers percentile_cont itself.
 */
export function mergeSample(into: Sample, other: Sample): void {
  if (other.count === 0) return;
  into.count += other.count;
  into.sum += other.sum;
  into.sumSquares += other.sumSquares;
  if (into.exact && other.exact) {
    for (const value of other.exact) into.exact.push(value);
    return;
  }
  binSample(into);
  if (other.exact) for (const value of other.exact) addToBins(into, value, 1);
  else {
    into.zeros += other.zeros;
    const bins = into.bins ?? new Map<number, number>();
    into.bins = bins;
    for (const [index, count] of other.bins ?? []) bins.set(index, (bins.get(index) ?? 0) + count);
  }
}

/** A copy that can be merged into without changing `sample`. */
export function cloneSample(sample: Sample): Sample {
  return {
    count: sample.count,
    sum: sample.sum,
    sumSquares: sample.sumSquares,
    exact: sample.exact ? [...sample.exact] : null,
    bins: sample.bins ? new Map(sample.bins) : null,
    zeros: sample.zeros,
  };
}

/** A sample's values (exact) or bin values repeated by count, ascending: for the bootstrap of small samples. */
export function sortedValues(sample: Sample): number[] {
  if (sample.exact) return [...sortedExact(sample.exact)];
  const values: number[] = Array.from({ length: sample.zeros }, () => 0);
  for (const index of [...(sample.bins ?? new Map<number, number>()).keys()].sort((a, b) => a - b)) {
    const value = binValue(index);
    for (let i = 0; i < (sample.bins?.get(index) ?? 0); i++) values.push(value);
  }
  return values;
}

/**
 * A reader of the value at each 0-based rank of a non-empty sample, ascending: the sorted values, or the
 * bins' cumulative counts searched by rank.
 */
export function rankReader(sample: Sample): (rank: number) => number {
  if (sample.count === 0) throw new WorkledgerError('VALIDATION', 'ranks of an empty sample');
  if (sample.exact) {
    const sorted = sortedExact(sample.exact);
    return (rank) => sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
  }
  const indices = [...(sample.bins ?? new Map<number, number>()).keys()].sort((a, b) => a - b);
  const ends: number[] = [];
  let running = sample.zeros;
  for (const index of indices) {
    running += sample.bins?.get(index) ?? 0;
    ends.push(running);
  }
  const values = indices.map(binValue);
  const zeros = sample.zeros;
  return (rank) => {
    const r = Math.min(sample.count - 1, Math.max(0, rank));
    if (r < zeros) return 0;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] ?? Number.NaN;
  };
}

/** The p-quantile as percentile_cont: exact for an exact sample, within α for a binned one. */
export function samplePercentile(sample: Sample, p: number): number {
  if (sample.exact) return percentileCont(sortedExact(sample.exact), p);
  if (!(p >= 0 && p <= 1)) throw new WorkledgerError('VALIDATION', `percentile must be in [0, 1]: ${p}`);
  const at = rankReader(sample);
  const h = (sample.count - 1) * p;
  const lo = Math.floor(h);
  const below = at(lo);
  const fraction = h - lo;
  return fraction === 0 ? below : below + fraction * (at(lo + 1) - below);
}

/** The mean, exact from the running sum. */
export function sampleMean(sample: Sample): number {
  if (sample.count === 0) throw new WorkledgerError('VALIDATION', 'mean of an empty sample');
  return sample.sum / sample.count;
}

/** The sample variance (n − 1), from the exact sums; 0 for one value. */
export function sampleVariance(sample: Sample): number {
  if (sample.count < 2) return 0;
  const mean = sample.sum / sample.count;
  return Math.max(0, (sample.sumSquares - sample.count * mean * mean) / (sample.count - 1));
}

/**
 * An exact sample's values in ascending order, sorted in place when they are not already: the values are
 * a multiset, so their order means nothing, and a group's percentiles and intervals read the same
 * sample several times — checking order costs one pass, sorting again each time cost the most of a read.
 */
function sortedExact(values: number[]): readonly number[] {
  for (let i = 1; i < values.length; i++)
    if ((values[i] as number) < (values[i - 1] as number)) {
      const sorted = Float64Array.from(values).sort();
      for (let j = 0; j < sorted.length; j++) values[j] = sorted[j] as number;
      return values;
    }
  return values;
}

/** The distinct values of a sample (bin values for a binned one) with their counts, ascending. */
export function valueCounts(sample: Sample): [number, number][] {
  if (sample.exact) {
    const sorted = Float64Array.from(sample.exact).sort();
    const counts: [number, number][] = [];
    for (const value of sorted) {
      const last = counts[counts.length - 1];
      if (last && last[0] === value) last[1] += 1;
      else counts.push([value, 1]);
    }
    return counts;
  }
  const counts: [number, number][] = sample.zeros > 0 ? [[0, sample.zeros]] : [];
  for (const index of [...(sample.bins ?? new Map<number, number>()).keys()].sort((a, b) => a - b))
    counts.push([binValue(index), sample.bins?.get(index) ?? 0]);
  return counts;
}

/**
 * The sum of a's midranks in the pooled sample a ∪ b, and Σ(t³ − t) over tied groups, from the samples'
 * value counts (values sharing a bin tie): a rank test over millions of values in O(distinct values).
 */
export function sampleRankSum(a: Sample, b: Sample): { rankSumA: number; tieTerm: number } {
  const left = valueCounts(a);
  const right = valueCounts(b);
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (i < left.length || j < right.length) {
    const x = left[i]?.[0] ?? Infinity;
    const y = right[j]?.[0] ?? Infinity;
    const value = Math.min(x, y);
    const inA = x === value ? (left[i]?.[1] ?? 0) : 0;
    const inB = y === value ? (right[j]?.[1] ?? 0) : 0;
    if (x === value) i += 1;
    if (y === value) j += 1;
    const t = inA + inB;
    rankSumA += inA * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  }
  return { rankSumA, tieTerm };
}
