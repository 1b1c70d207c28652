import { WorkledgerError } from '../errors.js';

/** A source of uniform numbers in [0, 1); domain code takes one instead of calling Math.random. */
export type Random = () => number;

const TWO_POW_32 = 4_294_967_296;
const TWO_POW_53 = 9_007_199_254_740_992;

/** One splitmix32 step: spreads a seed over all 32 bits so nearby seeds give unrelated streams. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The four words of a seeded xoshiro128** state. */
function seedState(seed: number): [number, number, number, number] {
  if (!Number.isFinite(seed))
    throw new WorkledgerError('VALIDATION', `seed must be a finite number: ${seed}`);
  // Fold the high bits in so seeds beyond 2^32 (e.g. epoch ms) still differ from each other.
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  let s0 = splitmix32(low);
  const s1 = splitmix32(s0 ^ high);
  const s2 = splitmix32(s1);
  const s3 = splitmix32(s2);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // xoshiro's all-zero state is a fixed point
  return [s0, s1, s2, s3];
}

/** A seeded xoshiro128** generator of unsigned 32-bit integers; the same seed gives the same stream. */
export function createUint32Random(seed: number): () => number {
  let [s0, s1, s2, s3] = seedState(seed);

  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

/**
 * A seeded generator of uniforms in [0, 1) with 53 random bits each (xoshiro128**); the same seed
 * always gives the same stream, which makes bootstrap intervals reproducible.
 */
export function createRandom(seed: number): Random {
  const next = createUint32Random(seed);
  // 21 + 32 bits make a 53-bit mantissa, so every double step in [0, 1) can come out.
  return () => ((next() >>> 11) * TWO_POW_32 + next()) / TWO_POW_53;
}

/**
 * A seeded generator of indices uniform on 0..n−1 from one 32-bit draw each: ⌊u·n / 2³²⌋ is off
 * uniform by at most n/2³² (under 10⁻⁵ for a million items), and it halves the work of a resample.
 */
export function createIndexRandom(seed: number, n: number): () => number {
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
    throw new WorkledgerError('VALIDATION', `index range must be 1..2^32: ${n}`);
  const next = createUint32Random(seed);
  return () => Math.floor((next() * n) / TWO_POW_32);
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The sums of `resamples` resamples of `values` drawn with replacement, by the same index stream as
 * createIndexRandom(seed, n): the generator runs inline here because this loop is the costliest of every
 * KPI query (n draws per resample), and a call per draw doubled its time.
 */
export function resampleSums(values: Float64Array, seed: number, resamples: number): Float64Array {
  const n = values.length;
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
    throw new WorkledgerError('VALIDATION', `index range must be 1..2^32: ${n}`);
  let [s0, s1, s2, s3] = seedState(seed);
  const sums = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
      sum += values[Math.floor((result * n) / TWO_POW_32)] ?? 0;
    }
    sums[r] = sum;
  }
  return sums;
}
