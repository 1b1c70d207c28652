import { describe, expect, it } from 'vitest';
import { linearTrend } from '../../../src/domain/stats/linear-trend.js';

describe('linearTrend', () => {
  it('fits (1, 2), (2, 4), (3, 5) by hand', () => {
    // x̄ = 2, ȳ = 11/3; Sxx = 1 + 0 + 1 = 2; Sxy = (−1)(2 − 11/3) + (1)(5 − 11/3) = 5/3 + 4/3 = 3
    // slope = 3/2 = 1.5, intercept = 11/3 − 1.5 · 2 = 2/3
    const line = linearTrend([
      { x: 1, y: 2 },
      { x: 2, y: 4 },
      { x: 3, y: 5 },
    ]);
    expect(line.slope).toBeCloseTo(1.5, 14);
    expect(line.intercept).toBeCloseTo(2 / 3, 14);
  });

  it('recovers an exact line', () => {
    const line = linearTrend([0, 1, 2, 3, 4].map((x) => ({ x, y: 7 - 2 * x })));
    expect(line).toEqual({ intercept: 7, slope: -2 });
  });

  it('needs two distinct x', () => {
    expect(() => linearTrend([{ x: 1, y: 1 }])).toThrow(/two points/);
    expect(() =>
      linearTrend([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toThrow(/distinct/);
  });
});
