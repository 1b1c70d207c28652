import { describe, expect, it } from 'vitest';
import { mean, percentileCont, sortAscending } from '../../../src/domain/stats/percentile.js';

describe('percentileCont (PostgreSQL percentile_cont)', () => {
  it('interpolates halfway for the median of an even sample', () => {
    // SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1),(2),(3),(4)) t(x) = 2.5
    // h = (4 − 1)·0.5 = 1.5 → x[1] + 0.5·(x[2] − x[1]) = 2 + 0.5·1 = 2.5
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('gives 9.1 for p90 of 1..10', () => {
    // SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY g) FROM generate_series(1, 10) g = 9.1
    // h = 9·0.9 = 8.1 → x[8] + 0.1·(x[9] − x[8]) = 9 + 0.1·(10 − 9) = 9.1
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentileCont(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
  });

  it('interpolates unequal gaps', () => {
    // h = 2·0.95 = 1.9 → 20 + 0.9·(30 − 20) = 29
    expect(percentileCont([10, 20, 30], 0.95)).toBeCloseTo(29, 12);
    // h = 4·0.25 = 1 exactly → x[1] = 7, no interpolation
    expect(percentileCont([1, 7, 8, 100, 1000], 0.25)).toBe(7);
    // h = 4·0.3 = 1.2 → 7 + 0.2·(8 − 7) = 7.2
    expect(percentileCont([1, 7, 8, 100, 1000], 0.3)).toBeCloseTo(7.2, 12);
  });

  it('returns the minimum at p = 0 and the maximum at p = 1', () => {
    expect(percentileCont([3, 5, 9], 0)).toBe(3);
    expect(percentileCont([3, 5, 9], 1)).toBe(9);
    expect(percentileCont([42], 0.9)).toBe(42);
  });

  it('rejects an empty sample and p outside [0, 1]', () => {
    expect(() => percentileCont([], 0.5)).toThrow(/empty/);
    expect(() => percentileCont([1, 2], 1.5)).toThrow(/\[0, 1\]/);
    expect(() => percentileCont([1, 2], -0.1)).toThrow(/\[0, 1\]/);
    expect(() => percentileCont([1, 2], Number.NaN)).toThrow(/\[0, 1\]/);
  });
});

describe('mean', () => {
  it('is the sum over the count', () => {
    // (1 + 2 + 3 + 10) / 4 = 16 / 4 = 4
    expect(mean([1, 2, 3, 10])).toBe(4);
    expect(() => mean([])).toThrow(/empty/);
  });
});

describe('sortAscending', () => {
  it('sorts numerically, not as strings, and leaves the input alone', () => {
    const input = [10, 9, 100, 1];
    expect(sortAscending(input)).toEqual([1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1]);
  });
});
