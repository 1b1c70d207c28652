import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanCi,
  bootstrapMeanDistribution,
  bootstrapPercentileCi,
  bootstrapPercentileDistribution,
  DISCRETE_LIMIT,
} from '../../../src/domain/stats/bootstrap.js';
import { percentileCont, sortAscending } from '../../../src/domain/stats/percentile.js';
import { createRandom } from '../../../src/domain/stats/random.js';

/** The textbook bootstrap: draw n indices with replacement, sort the resample, take percentile_cont. */
function naivePercentileDistribution(sorted: readonly number[], p: number, seed: number, resamples: number) {
  const random = createRandom(seed);
  const n = sorted.length;
  const out: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const resample = Array.from({ length: n }, () => sorted[Math.floor(random() * n)] ?? Number.NaN);
    out.push(percentileCont(sortAscending(resample), p));
  }
  return out;
}

function naiveCi(distribution: readonly number[]): [number, number] {
  const sorted = sortAscending(distribution);
  return [percentileCont(sorted, 0.025), percentileCont(sorted, 0.975)];
}

/** Largest gap between two empirical CDFs, evaluated at every observed point (two-sample KS). */
function ksDistance(a: readonly number[], b: readonly number[]): number {
  const sa = sortAscending(a);
  const sb = sortAscending(b);
  const cdf = (s: readonly number[], x: number) => {
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] ?? Number.NaN) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo / s.length;
  };
  let worst = 0;
  for (const x of [...sa, ...sb]) worst = Math.max(worst, Math.abs(cdf(sa, x) - cdf(sb, x)));
  return worst;
}

/** P(Binomial(n, q) ≥ k), summed exactly from the pmf (n is small here). */
function binomialAtLeast(n: number, q: number, k: number): number {
  let total = 0;
  let choose = 1; // C(n, 0)
  for (let i = 0; i <= n; i++) {
    if (i >= k) total += choose * q ** i * (1 - q) ** (n - i);
    choose = (choose * (n - i)) / (i + 1);
  }
  return total;
}

// A skewed sample like resolution times, distinct values so order statistics are unambiguous.
const skewed = Array.from({ length: 41 }, (_, i) => Math.round(60 * Math.exp(i / 8)) + i);

describe('bootstrapPercentileCi', () => {
  it('is reproducible for a seed and changes with it', () => {
    // With 41 values the bounds sit on the same data values for most seeds, so another seed is
    // seen in the resampled quantiles themselves (and in the large-sample interval below).
    expect(bootstrapPercentileCi(skewed, 0.33, 123)).toEqual(bootstrapPercentileCi(skewed, 0.33, 123));
    expect(bootstrapPercentileDistribution(skewed, 0.9, 123)).toEqual(
      bootstrapPercentileDistribution(skewed, 0.9, 123),
    );
    expect(bootstrapPercentileDistribution(skewed, 0.9, 123)).not.toEqual(
      bootstrapPercentileDistribution(skewed, 0.9, 124),
    );
  });

  it("draws the exact bootstrap distribution of a sample's median", () => {
    // n = 41, p = 0.5 → h = 20, no interpolation: the resample median is its 21st order statistic.
    // Independent method: it is ≤ x[j] exactly when at least 21 of the 41 draws land in x[0..j],
    // each draw doing so with probability (j + 1)/41, so P = P(Binomial(41, (j+1)/41) ≥ 21).
    const resamples = 20_000;
    const fast = bootstrapPercentileDistribution(skewed, 0.5, 9, resamples);
    let worst = 0;
    skewed.forEach((x, j) => {
      const empirical = fast.filter((q) => q <= x).length / resamples;
      worst = Math.max(worst, Math.abs(empirical - binomialAtLeast(41, (j + 1) / 41, 21)));
    });
    // one-sample KS at α = 0.001: 1.95/√20000 = 0.0138
    expect(worst).toBeLessThan(0.0138);
  });

  it('draws the exact bootstrap distribution where percentile_cont interpolates, on tiny lumpy data', () => {
    // Independent method: all 5^5 = 3125 equally likely resamples of 5 values, each sorted and
    // percentile_cont-ed. Gaps of 1 → 9 → 90 → 900 make the upper neighbour's rank matter.
    const tiny = [0, 1, 10, 100, 1000];
    const resamples = 20_000;
    // p = 0.3 → h = 1.2; p = 0.5 → h = 2 (exact rank); p = 0.9 → h = 3.6; p = 0.1 → h = 0.4
    for (const p of [0.3, 0.5, 0.9, 0.1]) {
      const exact: number[] = [];
      for (let code = 0; code < 5 ** 5; code++) {
        const resample = [0, 1, 2, 3, 4].map((d) => tiny[Math.floor(code / 5 ** d) % 5] ?? Number.NaN);
        exact.push(percentileCont(sortAscending(resample), p));
      }
      const fast = bootstrapPercentileDistribution(tiny, p, 21, resamples);
      let worst = 0;
      for (const x of new Set(exact)) {
        const exactCdf = exact.filter((q) => q <= x).length / exact.length;
        const fastCdf = fast.filter((q) => q <= x + 1e-9).length / resamples;
        worst = Math.max(worst, Math.abs(exactCdf - fastCdf));
      }
      // one-sample KS at α = 0.001: 1.95/√20000 = 0.0138
      expect(worst).toBeLessThan(0.0138);
    }
  });

  it('matches a naive resample-and-sort bootstrap where percentile_cont interpolates', () => {
    // n = 41, p = 0.9 → h = 36, exact; p = 0.95 → h = 38, exact; p = 0.33 → h = 13.2, interpolated.
    for (const p of [0.9, 0.33, 0.95, 0]) {
      const fast = bootstrapPercentileDistribution(skewed, p, 11, 4000);
      const naive = naivePercentileDistribution(skewed, p, 12, 4000);
      // two-sample KS at α = 0.001 for 4000 vs 4000: 1.95·√(2/4000) = 0.0436
      expect(ksDistance(fast, naive)).toBeLessThan(0.0436);
      const [flo, fhi] = naiveCi(fast);
      const [nlo, nhi] = naiveCi(naive);
      // the bootstrap distribution is lumpy (it lives on the data), so allow two gaps of the data
      // near each bound: the intervals differ only by Monte Carlo noise.
      const spread = (skewed[40] ?? 0) - (skewed[0] ?? 0);
      expect(Math.abs(flo - nlo)).toBeLessThan(0.05 * spread);
      expect(Math.abs(fhi - nhi)).toBeLessThan(0.05 * spread);
    }
  });

  it('draws the same law above DISCRETE_LIMIT, through uniform order statistics', () => {
    // n = 301 > DISCRETE_LIMIT (256): p = 0.9 → h = 270, exact rank; p = 0.33 → h = 99, exact;
    // p = 0.901 → h = 270.3, interpolated. Against the textbook bootstrap, two-sample KS as above.
    const large = Array.from({ length: DISCRETE_LIMIT + 45 }, (_, i) => Math.round(30 * Math.exp(i / 60)));
    for (const p of [0.9, 0.33, 0.901]) {
      const fast = bootstrapPercentileDistribution(large, p, 5, 4000);
      const naive = naivePercentileDistribution(large, p, 6, 4000);
      expect(ksDistance(fast, naive)).toBeLessThan(0.0436);
    }
  });

  it('draws the law of both neighbours where the data has ties', () => {
    // Independent method: all 6^6 = 46,656 resamples of six values with ties, sorted and percentile_cont-ed.
    const tied = [1, 1, 5, 5, 5, 40];
    for (const p of [0.25, 0.5, 0.7]) {
      const exact: number[] = [];
      for (let code = 0; code < 6 ** 6; code++) {
        const resample = [0, 1, 2, 3, 4, 5].map((d) => tied[Math.floor(code / 6 ** d) % 6] ?? Number.NaN);
        exact.push(percentileCont(sortAscending(resample), p));
      }
      const fast = bootstrapPercentileDistribution(tied, p, 3, 20_000);
      let worst = 0;
      for (const x of new Set(exact)) {
        const exactCdf = exact.filter((q) => q <= x).length / exact.length;
        const fastCdf = fast.filter((q) => q <= x + 1e-9).length / fast.length;
        worst = Math.max(worst, Math.abs(exactCdf - fastCdf));
      }
      expect(worst).toBeLessThan(0.0138);
    }
  });

  it('contains the sample percentile and brackets it sensibly for a large sample', () => {
    // 1..30000: p50 = 15000.5; its bootstrap standard error is about √(0.25·n)/f with density f = 1/n
    // per unit, i.e. √7500 ≈ 86.6, so the 95% interval is about ±1.96·86.6 ≈ ±170 around it.
    const big = Array.from({ length: 30_000 }, (_, i) => i + 1);
    const ci = bootstrapPercentileCi(big, 0.5, 3) ?? [Number.NaN, Number.NaN];
    expect(ci[0]).toBeLessThan(15000.5);
    expect(ci[1]).toBeGreaterThan(15000.5);
    expect(15000.5 - ci[0]).toBeGreaterThan(120);
    expect(15000.5 - ci[0]).toBeLessThan(220);
    expect(ci[1] - 15000.5).toBeGreaterThan(120);
    expect(ci[1] - 15000.5).toBeLessThan(220);
    expect(bootstrapPercentileCi(big, 0.5, 3)).toEqual(ci);
    expect(bootstrapPercentileCi(big, 0.5, 4)).not.toEqual(ci);
  });

  it('is null below two values, degenerate for constant data, and checks its input', () => {
    expect(bootstrapPercentileCi([], 0.5, 1)).toBeNull();
    expect(bootstrapPercentileCi([5], 0.5, 1)).toBeNull();
    expect(bootstrapPercentileCi([4, 4, 4], 0.9, 1)).toEqual([4, 4]);
    expect(() => bootstrapPercentileCi([3, 1, 2], 0.5, 1)).toThrow(/sorted/);
    expect(() => bootstrapPercentileCi([1, 2], 2, 1)).toThrow(/\[0, 1\]/);
    expect(() => bootstrapPercentileCi([1, 2], 0.5, 1, 0)).toThrow(/resamples/);
  });
});

describe('bootstrapMeanCi', () => {
  it('is reproducible for a seed and changes with it', () => {
    expect(bootstrapMeanCi(skewed, 5)).toEqual(bootstrapMeanCi(skewed, 5));
    expect(bootstrapMeanCi(skewed, 5)).not.toEqual(bootstrapMeanCi(skewed, 6));
  });

  it('agrees with the normal approximation mean ± 1.96·σ/√n for a large sample', () => {
    // 1..400: mean = 200.5; plug-in σ² = (n² − 1)/12 = 159999/12 = 13333.25, σ = 115.47;
    // σ/√n = 115.47/20 = 5.7735, so the interval is about 200.5 ± 1.96·5.7735 = 200.5 ± 11.32
    const values = Array.from({ length: 400 }, (_, i) => i + 1);
    const [lo, hi] = bootstrapMeanCi(values, 8, 4000) ?? [Number.NaN, Number.NaN];
    expect(lo).toBeCloseTo(200.5 - 11.32, 0);
    expect(hi).toBeCloseTo(200.5 + 11.32, 0);
    // the resample means average to the sample mean and spread by σ/√n
    const means = bootstrapMeanDistribution(values, 8, 4000);
    const m = means.reduce((s, x) => s + x, 0) / means.length;
    const sd = Math.sqrt(means.reduce((s, x) => s + (x - m) ** 2, 0) / means.length);
    expect(Math.abs(m - 200.5)).toBeLessThan(0.5);
    expect(Math.abs(sd / 5.7735 - 1)).toBeLessThan(0.06);
  });

  it('is null below two values and degenerate for constant data', () => {
    expect(bootstrapMeanCi([], 1)).toBeNull();
    expect(bootstrapMeanCi([3], 1)).toBeNull();
    expect(bootstrapMeanCi([2, 2, 2, 2], 1)).toEqual([2, 2]);
  });

  it('reads its interval at the 2.5% and 97.5% ranks of the sorted distribution, with ties and any size', () => {
    const random = createRandom(7);
    for (const n of [2, 3, 9, 40, 99]) {
      // few distinct values, so the bootstrap distributions are full of ties
      const values = sortAscending(Array.from({ length: n }, () => Math.floor(random() * 6)));
      for (const p of [0.5, 0.9]) {
        const sorted = sortAscending(bootstrapPercentileDistribution(values, p, n));
        expect(bootstrapPercentileCi(values, p, n)).toEqual([
          percentileCont(sorted, 0.025),
          percentileCont(sorted, 0.975),
        ]);
      }
      const means = sortAscending(bootstrapMeanDistribution(values, n));
      expect(bootstrapMeanCi(values, n)).toEqual([
        percentileCont(means, 0.025),
        percentileCont(means, 0.975),
      ]);
    }
  });
});
