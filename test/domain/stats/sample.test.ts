import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { percentileCont, sortAscending } from '../../../src/domain/stats/percentile.js';
import { createRandom } from '../../../src/domain/stats/random.js';
import {
  addValue,
  binSample,
  emptySample,
  EXACT_LIMIT,
  mergeSample,
  removeValue,
  sampleMean,
  samplePercentile,
  sampleOf,
  SKETCH_ALPHA,
} from '../../../src/domain/stats/sample.js';
import { samplePercentileCi } from '../../../src/domain/stats/sample-intervals.js';
import { decodeSample, encodeSample } from '../../../src/store/rollups/sample-codec.js';

/** Log-normal latencies from seconds to days, with some exact zeros and ties, like resolution times. */
function latencies(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () => {
    const u = random();
    if (u < 0.02) return 0;
    if (u < 0.05) return 60;
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.round(Math.exp(7 + 2 * normal) * 1000) / 1000;
  });
}

describe('Sample', () => {
  it('answers percentile_cont exactly while it holds the values', () => {
    const values = [7200, 14_400, 18_000, 60, 0];
    const sample = sampleOf(values);
    for (const p of [0, 0.25, 0.5, 0.9, 0.95, 1])
      expect(samplePercentile(sample, p)).toBe(percentileCont(sortAscending(values), p));
    expect(sampleMean(sample)).toBe((7200 + 14_400 + 18_000 + 60) / 5);
  });

  it('property: binned, every percentile is within 1% of percentile_cont, and merges are exact', () => {
    const random = createRandom(11);
    for (let trial = 0; trial < 40; trial++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
        latencies(random, 1 + Math.floor(random() * 400)),
      );
      const all = parts.flat();
      const sorted = sortAscending(all);
      // merge the parts as a query merges day rows: each binned, as storage keeps them
      const merged = emptySample();
      binSample(merged);
      for (const part of parts) {
        const stored = decodeSample(encodeSample(sampleOf(part)));
        mergeSample(merged, stored);
      }
      expect(merged.count).toBe(all.length);
      expect(sampleMean(merged)).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 6);
      for (const p of [0.5, 0.9, 0.95, 0.99]) {
        const exact = percentileCont(sorted, p);
        const read = samplePercentile(merged, p);
        expect(Math.abs(read - exact), `p${p} of ${all.length}`).toBeLessThanOrEqual(0.01 * exact + 1e-9);
        // in fact within the sketch's α on each neighbouring rank, hence within α after interpolation
        expect(Math.abs(read - exact)).toBeLessThanOrEqual(SKETCH_ALPHA * exact + 1e-9);
      }
      const ci = samplePercentileCi(merged, 0.5, 1);
      if (ci && all.length >= 2) expect(ci[0]).toBeLessThanOrEqual(ci[1]);
    }
  });

  it('stores up to EXACT_LIMIT values as they are, then bins them; removing undoes adding', () => {
    const exact = sampleOf(Array.from({ length: EXACT_LIMIT }, (_, i) => i + 0.5));
    expect(decodeSample(encodeSample(exact)).exact).toHaveLength(EXACT_LIMIT);
    addValue(exact, 1000);
    const stored = decodeSample(encodeSample(exact));
    expect(stored.exact).toBeNull();
    expect(stored.count).toBe(EXACT_LIMIT + 1);
    removeValue(stored, 1000);
    expect(stored.count).toBe(EXACT_LIMIT);
    expect(samplePercentile(stored, 1)).toBeCloseTo(EXACT_LIMIT - 0.5, 0);
    const small = sampleOf([3, 1, 2]);
    removeValue(small, 1);
    expect(small.exact).toEqual([3, 2]);
    expect(() => removeValue(small, 9)).toThrow(/does not hold/);
    removeValue(small, 3);
    removeValue(small, 2);
    expect(small).toEqual(emptySample());
    expect(decodeSample(null)).toEqual(emptySample());
    expect(() => addValue(small, -1)).toThrow(/≥ 0/);
  });

  it('stores values as little-endian binary, sorted, whatever order they arrived in', () => {
    // 1.0 as IEEE 754 float64 is 0x3FF0000000000000: little-endian bytes 00 00 00 00 00 00 F0 3F
    // (base64 AAAAAAAA8D8=); 2.5 is 0x4004000000000000: 00 00 00 00 00 00 04 40 (AAAAAAAABEA=).
    const one = Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    const twoAndAHalf = Buffer.from([0, 0, 0, 0, 0, 0, 0x04, 0x40]);
    const expected = Buffer.concat([one, twoAndAHalf]).toString('base64');
    // count 2, sum 3.5, sum of squares 1 + 6.25 = 7.25
    expect(encodeSample(sampleOf([2.5, 1]))).toBe(`2;3.5;7.25;e;${expected}`);
    expect(encodeSample(sampleOf([1, 2.5]))).toBe(encodeSample(sampleOf([2.5, 1])));
    expect(decodeSample(`2;3.5;7.25;e;${expected}`).exact).toEqual([1, 2.5]);
    // binned: pairs of int32 (index, count), ascending by index, whatever order the bins were filled in
    const many = Array.from({ length: EXACT_LIMIT + 1 }, (_, i) => (i % 2 ? 10 : 1000));
    const forward = encodeSample(sampleOf(many));
    expect(encodeSample(sampleOf([...many].reverse()))).toBe(forward);
    const pairs = Buffer.from(forward.split(';')[5] ?? '', 'base64');
    expect(pairs.length).toBe(16); // two bins, 8 bytes each
    expect(pairs.readInt32LE(0)).toBeLessThan(pairs.readInt32LE(8));
    // 129 values alternate starting at 1000: 65 of 1000, 64 of 10
    expect([pairs.readInt32LE(4), pairs.readInt32LE(12)]).toEqual([64, 65]);
    expect(() => decodeSample('1;1;1;e;AAAA')).toThrow(/whole values/);
  });
});
