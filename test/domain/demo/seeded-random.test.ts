import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/domain/demo/seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and stream', () => {
    const draw = (rng: SeededRandom): number[] => Array.from({ length: 5 }, () => rng.next());
    expect(draw(new SeededRandom(42))).toEqual(draw(new SeededRandom(42)));
    expect(draw(new SeededRandom(42))).not.toEqual(draw(new SeededRandom(43)));
    expect(draw(SeededRandom.derive(42, 'a'))).toEqual(draw(SeededRandom.derive(42, 'a')));
    expect(draw(SeededRandom.derive(42, 'a'))).not.toEqual(draw(SeededRandom.derive(42, 'b')));
  });

  it('draws uniform values in [0, 1) with mean near 1/2', () => {
    const rng = new SeededRandom(1);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    // Standard error of the mean is sqrt(1/12 / 20000) ≈ 0.002; allow five of them.
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
  });

  it('picks by weight and keeps integers inside their bounds', () => {
    const rng = new SeededRandom(3);
    let heads = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        rng.pick([
          { value: 'h', weight: 3 },
          { value: 't', weight: 1 },
        ]) === 'h'
      )
        heads++;
      const n = rng.int(2, 4);
      expect(n >= 2 && n <= 4 && Number.isInteger(n)).toBe(true);
    }
    // Expected 7,500 (3 / 4 of 10,000), standard deviation sqrt(10000 × 0.75 × 0.25) ≈ 43.
    expect(Math.abs(heads - 7500)).toBeLessThan(250);
  });

  it('has a log-normal median near the one asked for', () => {
    const rng = new SeededRandom(9);
    const draws = Array.from({ length: 10_001 }, () => rng.logNormal(100, 1)).sort((a, b) => a - b);
    const median = draws[5000] ?? 0;
    expect(median).toBeGreaterThan(95);
    expect(median).toBeLessThan(105);
  });
});
