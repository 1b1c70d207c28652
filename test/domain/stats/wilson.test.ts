import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../../src/domain/stats/wilson.js';

/**
 * Independent method: the Wilson bounds are the roots in p of (p̂ − p)² = z²·p(1 − p)/n, i.e. of
 * (1 + z²/n)p² − (2p̂ + z²/n)p + p̂² = 0, solved with the quadratic formula.
 */
function wilsonByQuadratic(successes: number, n: number, z: number): [number, number] {
  const phat = successes / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * phat + (z * z) / n);
  const c = phat * phat;
  const root = Math.sqrt(b * b - 4 * a * c);
  return [(-b - root) / (2 * a), (-b + root) / (2 * a)];
}

describe('wilsonInterval', () => {
  it('bounds 8 of 10 at [0.4902, 0.9433]', () => {
    // z² = 3.841458820694124, p̂ = 0.8, 1 + z²/n = 1.3841458820694124
    // centre = (0.8 + 3.8414588/20) / 1.3841459 = 0.9920729 / 1.3841459 = 0.7167402
    // half = 1.959964/1.3841459 · √(0.8·0.2/10 + 3.8414588/400) = 1.4160148 · √0.0256036 = 0.2265777
    // → [0.7167402 − 0.2265777, 0.7167402 + 0.2265777] = [0.4901625, 0.9433178]
    const ci = wilsonInterval(8, 10);
    expect(ci).not.toBeNull();
    const [lo, hi] = ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeCloseTo(0.4901625, 6);
    expect(hi).toBeCloseTo(0.9433178, 6);
    const [qlo, qhi] = wilsonByQuadratic(8, 10, Z_95);
    expect(lo).toBeCloseTo(qlo, 12);
    expect(hi).toBeCloseTo(qhi, 12);
  });

  it('agrees with the quadratic roots across counts', () => {
    for (const [s, n] of [
      [1, 3],
      [17, 40],
      [299, 300],
      [5, 1000],
    ] as const) {
      const [lo, hi] = wilsonInterval(s, n) ?? [Number.NaN, Number.NaN];
      const [qlo, qhi] = wilsonByQuadratic(s, n, Z_95);
      expect(lo).toBeCloseTo(qlo, 12);
      expect(hi).toBeCloseTo(qhi, 12);
    }
  });

  it('reaches exactly 0 and 1 at the edges', () => {
    // 0 of 10: centre = half-width = (z²/20)/(1 + z²/10), so the lower bound is 0;
    // upper = 2·(3.8414588/20)/1.3841459 = 0.3841459/1.3841459 = 0.2775328
    const none = wilsonInterval(0, 10) ?? [Number.NaN, Number.NaN];
    expect(none[0]).toBe(0);
    expect(none[1]).toBeCloseTo(0.2775328, 6);
    // 10 of 10 mirrors it: [1 − 0.2775328, 1]
    const all = wilsonInterval(10, 10) ?? [Number.NaN, Number.NaN];
    expect(all[0]).toBeCloseTo(0.7224672, 6);
    expect(all[1]).toBe(1);
  });

  it('uses the given z', () => {
    // z = 1, 1 of 2: centre = (0.5 + 1/4)/(1 + 1/2) = 0.5; half = (1/1.5)·√(0.25/2 + 1/16) = 0.6667·0.4330 = 0.2887
    const [lo, hi] = wilsonInterval(1, 2, 1) ?? [Number.NaN, Number.NaN];
    expect(lo).toBeCloseTo(0.5 - Math.sqrt(0.1875) / 1.5, 12);
    expect(hi).toBeCloseTo(0.5 + Math.sqrt(0.1875) / 1.5, 12);
  });

  it('is null when n = 0 and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(/successes/);
    expect(() => wilsonInterval(-1, 2)).toThrow(/successes/);
    expect(() => wilsonInterval(1, 2.5)).toThrow(/n must be/);
  });
});
