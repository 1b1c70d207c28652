import { describe, expect, it } from 'vitest';
import { createIndexRandom, createRandom, resampleSums } from '../../../src/domain/stats/random.js';
import { betaVariate, gammaVariate, standardNormal } from '../../../src/domain/stats/random-variates.js';

function draw(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random());
}

function meanAndVariance(xs: readonly number[]): [number, number] {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
  return [m, v];
}

describe('createRandom', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    expect(draw(42, 20)).toEqual(draw(42, 20));
    expect(draw(42, 20)).not.toEqual(draw(43, 20));
    // seeds that differ only above 2^32 (e.g. epoch ms) must still give different streams
    expect(draw(2 ** 40, 5)).not.toEqual(draw(2 ** 40 + 2 ** 32, 5));
  });

  it('stays in [0, 1) and fills ten equal bins evenly (chi-square)', () => {
    const xs = draw(7, 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)] = (bins[Math.floor(x * 10)] ?? 0) + 1;
    // expected 10,000 per bin; χ² with 9 degrees of freedom has its 99.9% point at 27.88
    const chi2 = bins.reduce((s, observed) => s + (observed - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRandom(Number.NaN)).toThrow(/seed/);
  });
});

describe('createIndexRandom', () => {
  it('draws every index 0..n−1 about equally often and nothing else (chi-square)', () => {
    const pick = createIndexRandom(3, 7);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) {
      const j = pick();
      expect(Number.isInteger(j) && j >= 0 && j < 7).toBe(true);
      counts[j] = (counts[j] ?? 0) + 1;
    }
    // expected 10,000 each; χ² with 6 degrees of freedom has its 99.9% point at 22.46
    const chi2 = counts.reduce((s, observed) => s + (observed - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(22.46);
  });

  it('is reproducible and rejects an empty range', () => {
    const a = createIndexRandom(9, 1000);
    const b = createIndexRandom(9, 1000);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(() => createIndexRandom(9, 0)).toThrow(/range/);
  });
});

describe('resampleSums', () => {
  it("sums each resample's draws of createIndexRandom's stream (its generator runs inline)", () => {
    // Independent method: draw the indices one by one from createIndexRandom and add the values up.
    for (const n of [1, 7, 255, 600]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i * 37) % 101);
      const pick = createIndexRandom(42, n);
      const expected = Array.from({ length: 50 }, () => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += values[pick()] ?? Number.NaN;
        return sum;
      });
      expect(Array.from(resampleSums(values, 42, 50)), `n = ${n}`).toEqual(expected);
    }
  });
});

describe('random variates', () => {
  const count = 40_000;

  it('draws standard normals with mean 0 and variance 1', () => {
    const random = createRandom(1);
    const [m, v] = meanAndVariance(Array.from({ length: count }, () => standardNormal(random)));
    // standard error of the mean is 1/√40000 = 0.005; allow 4 of them
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.04);
  });

  it('draws Gamma(a) with mean a and variance a, also for a < 1', () => {
    for (const shape of [0.5, 1, 3.5, 200]) {
      const random = createRandom(shape * 10);
      const [m, v] = meanAndVariance(Array.from({ length: count }, () => gammaVariate(random, shape)));
      // standard error of the mean is √(a/40000) = √a/200; allow 4 of them
      expect(Math.abs(m - shape)).toBeLessThan((4 * Math.sqrt(shape)) / 200);
      expect(Math.abs(v / shape - 1)).toBeLessThan(0.1);
    }
  });

  it('draws Beta(a, b) with mean a/(a+b) and variance ab/((a+b)²(a+b+1))', () => {
    const random = createRandom(5);
    // Beta(3, 7): mean 3/10 = 0.3, variance 21/(100·11) = 0.0190909
    const [m, v] = meanAndVariance(Array.from({ length: count }, () => betaVariate(random, 3, 7)));
    expect(Math.abs(m - 0.3)).toBeLessThan(0.003);
    expect(Math.abs(v - 21 / 1100)).toBeLessThan(0.001);
  });
});
