import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../src/domain/stats/mann-whitney.js';
import { twoSidedPValue } from '../../../src/domain/stats/normal-cdf.js';
import { sampleOf } from '../../../src/domain/stats/sample.js';
import { vanElteren as vanElterenSamples } from '../../../src/domain/stats/van-elteren.js';

const vanElteren = (strata: { a: number[]; b: number[] }[]) =>
  vanElterenSamples(strata.map(({ a, b }) => ({ a: sampleOf(a), b: sampleOf(b) })));

describe('vanElteren', () => {
  it('one stratum by hand: a = {1, 2}, b = {3, 4, 5}', () => {
    // W = 1 + 2 = 3, N = 5, weight 1/6: T = 0.5, E[T] = (2 × 6 / 2) / 6 = 1,
    // Var[T] = (2 × 3 × 6 / 12) / 36 = 1/12 → z = −0.5 / √(1/12) = −1.7320508
    const result = vanElteren([{ a: [1, 2], b: [3, 4, 5] }]);
    expect(result.t).toBeCloseTo(0.5, 12);
    expect(result.z).toBeCloseTo(-Math.sqrt(3), 12);
    expect(result.p).toBeCloseTo(twoSidedPValue(-Math.sqrt(3)), 12); // 0.0832645
    expect(result.p).toBeCloseTo(0.0832645, 6);
  });

  it('with one stratum equals the Mann-Whitney normal statistic without continuity correction', () => {
    const a = [12, 15, 15, 20, 31, 40, 41, 55];
    const b = [9, 11, 15, 18, 19, 22, 25, 26, 29];
    const mw = mannWhitneyU(a, b, 'normal');
    // Mann-Whitney's z subtracts ½ from |U − n₁n₂/2|; undo it to compare the uncorrected statistics.
    const n = a.length * b.length;
    const sigma = (mw.u - n / 2 - Math.sign(mw.u - n / 2) * 0.5) / mw.z;
    expect(vanElteren([{ a, b }]).z).toBeCloseTo((mw.u - n / 2) / sigma, 10);
  });

  it('two strata by hand: the mix cannot make a side look faster', () => {
    // Stratum 1 (easy): a = {1, 2}, b = {3, 4}: W = 3, N = 4, E = 5, Var = 2·2·5/12 = 5/3, w = 1/5
    // Stratum 2 (hard): a = {10}, b = {11, 12}: W = 1, N = 3, E = 2, Var = 1·2·4/12 = 2/3, w = 1/4
    // T = 3/5 + 1/4 = 0.85; E[T] = 5/5 + 2/4 = 1.5; Var[T] = (5/3)/25 + (2/3)/16 = 0.108333
    // z = (0.85 − 1.5) / √0.108333 = −1.974842
    const result = vanElteren([
      { a: [1, 2], b: [3, 4] },
      { a: [10], b: [11, 12] },
      { a: [99], b: [] }, // one side only: skipped
    ]);
    expect(result.t).toBeCloseTo(0.85, 12);
    expect(result.z).toBeCloseTo(-0.65 / Math.sqrt(5 / 75 + 2 / 48), 12);
    expect(result.z).toBeCloseTo(-1.974842, 5);
    expect(result).toMatchObject({ strata: 2, n_a: 3, n_b: 4 });
  });

  it('refuses strata that never have both sides', () => {
    expect(() => vanElteren([{ a: [1], b: [] }])).toThrow(/both samples/);
  });
});
