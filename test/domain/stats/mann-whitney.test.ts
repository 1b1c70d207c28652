import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../src/domain/stats/mann-whitney.js';

/** Independent method: enumerate every split of the pooled values into |a| and |b| and count U. */
function exactPByEnumeration(a: readonly number[], b: readonly number[]): number {
  const pooled = [...a, ...b];
  const uOf = (x: readonly number[], y: readonly number[]) => {
    let u = 0;
    for (const xi of x) for (const yj of y) u += xi > yj ? 1 : xi === yj ? 0.5 : 0;
    return u;
  };
  const observed = uOf(a, b);
  let below = 0;
  let above = 0;
  let total = 0;
  const choose = (start: number, picked: number[]) => {
    if (picked.length === a.length) {
      const x = picked.map((i) => pooled[i] ?? Number.NaN);
      const y = pooled.filter((_, i) => !picked.includes(i));
      const u = uOf(x, y);
      total += 1;
      if (u <= observed) below += 1;
      if (u >= observed) above += 1;
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

describe('mannWhitneyU', () => {
  it('works a tiny sample by hand', () => {
    // a = 1, 2, 4 and b = 3, 5: pooled ranks 1(a) 2(a) 3(b) 4(a) 5(b); R_a = 7, U = 7 − 3·4/2 = 1 (only 4 > 3).
    // Exact null counts of U = 0…6 for 3 and 2 values: 1 1 2 2 2 1 1 (of C(5,3) = 10);
    // P(U ≤ 1) = 2/10, so p = 2 · 0.2 = 0.4.
    const result = mannWhitneyU([1, 2, 4], [3, 5]);
    expect(result.u).toBe(1);
    expect(result.method).toBe('exact');
    expect(result.p).toBeCloseTo(0.4, 15);
    // normal: μ = 3, σ² = 3·2·6/12 = 3; z = (1 − 3 + 0.5)/√3 = −0.8660254
    expect(result.z).toBeCloseTo(-1.5 / Math.sqrt(3), 12);
  });

  it("reproduces R's wilcox.test example (Hollander & Wolfe): W = 35, exact", () => {
    // R: wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272; two-sided is twice that,
    // 0.2544122544 (SciPy 1.17 mannwhitneyu(method="exact") agrees).
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitneyU(x, y);
    expect(result.u).toBe(35);
    expect(result.method).toBe('exact');
    expect(result.p).toBeCloseTo(0.2544122544122544, 12);
    expect(result.p).toBeCloseTo(exactPByEnumeration(x, y), 12);
    // The normal approximation of the same data: SciPy asymptotic p = 0.24462360512698333.
    expect(mannWhitneyU(x, y, 'normal').p).toBeCloseTo(0.24462360512698333, 12);
  });

  it("reproduces SciPy's documented example (U = 17; exact 1/9, asymptotic 0.1113469)", () => {
    const males = [19, 22, 16, 29, 24];
    const females = [20, 11, 17, 12];
    expect(mannWhitneyU(males, females).p).toBeCloseTo(0.1111111111111111, 14);
    // normal by hand: μ = 10, σ² = 5·4·10/12 = 16.6667; z = (17 − 10 − 0.5)/4.0824829 = 1.5921683
    const normal = mannWhitneyU(males, females, 'normal');
    expect(normal.u).toBe(17);
    expect(normal.z).toBeCloseTo(6.5 / Math.sqrt(200 / 12), 12);
    expect(normal.p).toBeCloseTo(0.11134688653314041, 12);
  });

  it('corrects the variance for ties, worked by hand', () => {
    // a = 1, 2, 2 and b = 2, 3: ranks 1 | 3 3 3 | 5, R_a = 1 + 3 + 3 = 7, U = 7 − 6 = 1.
    // One tie of t = 3: Σ(t³ − t) = 24. σ² = 3·2/12 · (6 − 24/(5·4)) = 0.5 · 4.8 = 2.4.
    // Independent: the permutation variance of a rank sum, n₁n₂/(N(N − 1)) · Σ(r − r̄)² = 6/20 · 8 = 2.4.
    // z = (1 − 3 + 0.5)/√2.4 = −0.9682458, p = 2Φ(−0.9682458) = 0.3329216 (SciPy asymptotic agrees).
    const result = mannWhitneyU([1, 2, 2], [2, 3]);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(1);
    expect(result.z).toBeCloseTo(-1.5 / Math.sqrt(2.4), 12);
    expect(result.p).toBeCloseTo(0.3329216080655659, 12);
  });

  it("reproduces R's tied example: airquality Ozone, May vs August (W = 127.5, p = 0.0001208)", () => {
    // R documentation: wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in% c(5, 8))
    // → W = 127.5, p-value = 0.0001208 (normal approximation, ties, continuity correction); NAs dropped.
    const may = [
      41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37,
    ];
    const august = [
      39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84,
      85,
    ];
    const result = mannWhitneyU(may, august);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(127.5);
    expect(result.p).toBeCloseTo(0.0001208, 7);
    expect(result.z).toBeLessThan(0);
    // Swapping the samples mirrors U (26·26 − 127.5 = 548.5) and keeps p.
    const swapped = mannWhitneyU(august, may);
    expect(swapped.u).toBe(548.5);
    expect(swapped.p).toBeCloseTo(result.p, 15);
  });

  it('gives p = 1 when every value ties', () => {
    expect(mannWhitneyU([2, 2, 2], [2, 2])).toEqual({ u: 3, z: 0, p: 1, method: 'normal' });
  });

  it('refuses an exact test with ties, empty samples and non-finite values', () => {
    expect(() => mannWhitneyU([1, 2], [2, 3], 'exact')).toThrow(/ties/);
    expect(() => mannWhitneyU([], [1])).toThrow(/non-empty/);
    expect(() => mannWhitneyU([Number.NaN], [1])).toThrow(/finite/);
  });
});
