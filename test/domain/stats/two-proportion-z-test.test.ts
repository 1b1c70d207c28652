import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from '../../../src/domain/stats/two-proportion-z-test.js';

describe('twoProportionZTest', () => {
  it('works 45/60 against 30/60 by hand', () => {
    // p̂₁ = 0.75, p̂₂ = 0.5, pooled = 75/120 = 0.625, p(1 − p) = 0.234375
    // pooled SE = √(0.234375 · (1/60 + 1/60)) = √0.0078125 = 0.0883883 → z = 0.25 / 0.0883883 = 2√2 = 2.8284271
    // p = 2·Φ(−2.8284271) = 0.0046777
    // unpooled SE = √(0.75·0.25/60 + 0.5·0.5/60) = √(0.4375/60) = 0.0853913
    // CI = 0.25 ± 1.959964 · 0.0853913 = 0.25 ± 0.1673638 = [0.0826362, 0.4173638]
    const result = twoProportionZTest(45, 60, 30, 60);
    expect(result.diff).toBeCloseTo(0.25, 15);
    expect(result.z).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(result.p).toBeCloseTo(0.004677734981047266, 12);
    expect(result.ci[0]).toBeCloseTo(0.0826362, 6);
    expect(result.ci[1]).toBeCloseTo(0.4173638, 6);
  });

  it("reproduces R's prop.test(correct = FALSE) on 94/214 vs 39/128 (influentialpoints.com)", () => {
    // Published output: X-squared = 6.1026, df = 1, p-value = 0.01350,
    // 95 percent confidence interval: 0.03074072 0.23838896; prop 1 = 0.4392523, prop 2 = 0.3046875.
    // By hand: pooled 133/342 = 0.3888889, SE = √(0.2376543 · (1/214 + 1/128)) = √(0.2376543 · 0.0124854)
    // = 0.0544721, z = 0.1345648 / 0.0544721 = 2.4703447, z² = 6.1026.
    const result = twoProportionZTest(94, 214, 39, 128);
    expect(result.diff).toBeCloseTo(0.4392523 - 0.3046875, 7);
    expect(result.z).toBeCloseTo(2.4703447, 6);
    expect(result.z * result.z).toBeCloseTo(6.1026, 4);
    expect(result.p).toBeCloseTo(0.0135, 4);
    expect(result.ci[0]).toBeCloseTo(0.03074072, 8);
    expect(result.ci[1]).toBeCloseTo(0.23838896, 8);
  });

  it('equals Pearson χ² of the 2×2 table (independent method)', () => {
    const [x1, n1, x2, n2] = [17, 40, 9, 55];
    const total = n1 + n2;
    const successes = x1 + x2;
    const cells: [number, number][] = [
      [x1, (n1 * successes) / total],
      [n1 - x1, (n1 * (total - successes)) / total],
      [x2, (n2 * successes) / total],
      [n2 - x2, (n2 * (total - successes)) / total],
    ];
    const chi2 = cells.reduce((sum, [observed, expected]) => sum + (observed - expected) ** 2 / expected, 0);
    expect(twoProportionZTest(x1, n1, x2, n2).z ** 2).toBeCloseTo(chi2, 10);
  });

  it('gives z = 0 and p = 1 when both samples are all successes', () => {
    const result = twoProportionZTest(10, 10, 20, 20);
    expect(result).toEqual({ diff: 0, z: 0, p: 1, ci: [0, 0] });
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest(1, 0, 1, 2)).toThrow(/n1/);
    expect(() => twoProportionZTest(3, 2, 1, 2)).toThrow(/x1/);
    expect(() => twoProportionZTest(1, 2, 1.5, 2)).toThrow(/x2/);
  });
});
