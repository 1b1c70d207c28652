import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedPValue } from '../../../src/domain/stats/normal-cdf.js';

/** Independent method: Simpson's rule on the density φ(t) = e^(−t²/2)/√(2π) from 0 to x, plus ½. */
function cdfBySimpson(x: number): number {
  const steps = 2000;
  const h = x / steps;
  const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
  let sum = phi(0) + phi(x);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * phi(i * h);
  return 0.5 + (sum * h) / 3;
}

describe('normalCdf', () => {
  it('matches published values of Φ (SciPy 1.17 norm.cdf / norm.sf)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 15);
    expect(normalCdf(3.5)).toBeCloseTo(0.9997673709209645, 14);
  });

  it('keeps relative precision deep in the lower tail', () => {
    // norm.cdf(-7.5) = 3.1908916729108844e-14, norm.cdf(-8) = 6.22096057427174e-16, norm.cdf(-20) = 2.7536241186061556e-89
    // either side of the switch to the continued fraction at 7.07: −5, −6, −7 rational; −7.1 continued
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-6) / 9.865876450376946e-10).toBeCloseTo(1, 12);
    expect(normalCdf(-7) / 1.279812543885835e-12).toBeCloseTo(1, 12);
    expect(normalCdf(-7.1) / 6.237844463331586e-13).toBeCloseTo(1, 12);
    expect(normalCdf(-7.5) / 3.1908916729108844e-14).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 12);
    expect(normalCdf(-20) / 2.7536241186061556e-89).toBeCloseTo(1, 12);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('agrees with numerical integration of the density and is symmetric', () => {
    for (const x of [0.1, 0.5, 1.3, 2.2, 3, 4.5, 6.9, 7.2]) {
      expect(normalCdf(x)).toBeCloseTo(cdfBySimpson(x), 12);
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
    }
  });

  it('gives two-sided p-values: 2·Φ(−|z|)', () => {
    // 2 · 0.024997895148220435 = 0.04999579029644087
    expect(twoSidedPValue(1.96)).toBeCloseTo(0.04999579029644087, 14);
    expect(twoSidedPValue(-1.96)).toBeCloseTo(0.04999579029644087, 14);
    expect(twoSidedPValue(0)).toBe(1);
  });

  it('rejects NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(/NaN/);
  });
});
