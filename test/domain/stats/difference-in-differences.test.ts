import { describe, expect, it } from 'vitest';
import {
  differenceInDifferences,
  differenceInDifferencesOfMeans,
  differenceInDifferencesOfProportions,
} from '../../../src/domain/stats/difference-in-differences.js';

describe('differenceInDifferences', () => {
  it('of means, worked by hand', () => {
    // treated pre 10 12 14: mean 12, s² = (4 + 0 + 4)/2 = 4, s²/n = 4/3
    // treated post 6 8: mean 7, s² = 2, s²/n = 1
    // control pre 11 13: mean 12, s² = 2, s²/n = 1
    // control post 9 10 11 14: mean 11, s² = (4 + 1 + 0 + 9)/3 = 14/3, s²/n = 7/6
    // DiD = (7 − 12) − (11 − 12) = −4; SE = √(4/3 + 1 + 1 + 7/6) = √4.5 = 2.1213203
    // CI = −4 ± 1.959964 · 2.1213203 = −4 ± 4.1577115; z = −1.8856181, p = 2Φ(−1.8856181) = 0.0593464
    const groups = {
      treatedPre: [10, 12, 14],
      treatedPost: [6, 8],
      controlPre: [11, 13],
      controlPost: [9, 10, 11, 14],
    };
    const result = differenceInDifferencesOfMeans(groups);
    expect(result.estimate).toBeCloseTo(-4, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(4.5), 12);
    expect(result.ci[0]).toBeCloseTo(-8.15771147304903, 10);
    expect(result.ci[1]).toBeCloseTo(0.15771147304903, 10);
    expect(result.z).toBeCloseTo(-1.885618083164127, 10);
    expect(result.p).toBeCloseTo(0.05934643879191985, 10);
    expect(differenceInDifferences(groups)).toEqual(result);
  });

  it('of proportions, worked by hand', () => {
    // treated 30/100 → 20/100, control 40/200 → 40/200: DiD = (0.2 − 0.3) − (0.2 − 0.2) = −0.1
    // SE² = 0.3·0.7/100 + 0.2·0.8/100 + 0.2·0.8/200 + 0.2·0.8/200 = 0.0021 + 0.0016 + 0.0008 + 0.0008 = 0.0053
    // SE = 0.0728011, CI = −0.1 ± 0.1426875, z = −1.3736056, p = 0.1695641
    const groups = {
      treatedPre: { x: 30, n: 100 },
      treatedPost: { x: 20, n: 100 },
      controlPre: { x: 40, n: 200 },
      controlPost: { x: 40, n: 200 },
    };
    const result = differenceInDifferencesOfProportions(groups);
    expect(result.estimate).toBeCloseTo(-0.1, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(0.0053), 12);
    expect(result.ci[0]).toBeCloseTo(-0.24268753186483696, 10);
    expect(result.ci[1]).toBeCloseTo(0.04268753186483696, 10);
    expect(result.z).toBeCloseTo(-1.3736056394868903, 10);
    expect(result.p).toBeCloseTo(0.1695641451905634, 10);
    expect(differenceInDifferences(groups)).toEqual(result);
  });

  it('gives z = 0 and p = 1 when nothing varies', () => {
    const same = { x: 0, n: 10 };
    const result = differenceInDifferences({
      treatedPre: same,
      treatedPost: same,
      controlPre: same,
      controlPost: same,
    });
    expect(result).toMatchObject({ estimate: 0, se: 0, z: 0, p: 1 });
  });

  it('rejects groups it cannot estimate', () => {
    const ok = [1, 2];
    expect(() =>
      differenceInDifferencesOfMeans({ treatedPre: [1], treatedPost: ok, controlPre: ok, controlPost: ok }),
    ).toThrow(/treatedPre/);
    const p = { x: 1, n: 2 };
    expect(() =>
      differenceInDifferencesOfProportions({
        treatedPre: p,
        treatedPost: p,
        controlPre: p,
        controlPost: { x: 3, n: 2 },
      }),
    ).toThrow(/controlPost/);
  });
});
