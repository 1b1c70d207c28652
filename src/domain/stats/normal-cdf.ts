import { WorkledgerError } from '../errors.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const CONTINUED_FRACTION_FROM = 3;

/**
 * Φ(x), the standard normal CDF: Hart's rational function (algorithm 5666, as given by West, 2005) below
 * |x| = 3 and Laplace's continued fraction above, both ~1e-15 relative. The lower tail is computed
 * directly, so Φ(−8) keeps its relative precision instead of being 1 − 0.99….
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new WorkledgerError('VALIDATION', 'normalCdf of NaN');
  const a = Math.abs(x);
  const tail = a > 37 ? 0 : upperTail(a);
  return x > 0 ? 1 - tail : tail;
}

/** The two-sided p-value of a standard normal statistic: 2·Φ(−|z|), at most 1. */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** 1 − Φ(a) for 0 ≤ a ≤ 37. */
function upperTail(a: number): number {
  const e = Math.exp((-a * a) / 2);
  if (a >= CONTINUED_FRACTION_FROM) {
    // Mills' ratio as Laplace's continued fraction x + 1/(x + 2/(x + 3/…)), evaluated from term 50 up:
    // relative error ~1e-15 from x = 3, where the rational function's relative error starts to grow.
    let b = a;
    for (let k = 50; k >= 1; k--) b = a + k / b;
    return e / b / SQRT_2PI;
  }
  let num = 3.52624965998911e-2 * a + 0.700383064443688;
  num = num * a + 6.37396220353165;
  num = num * a + 33.912866078383;
  num = num * a + 112.079291497871;
  num = num * a + 221.213596169931;
  num = num * a + 220.206867912376;
  let den = 8.83883476483184e-2 * a + 1.75566716318264;
  den = den * a + 16.064177579207;
  den = den * a + 86.7807322029461;
  den = den * a + 296.564248779674;
  den = den * a + 637.333633378831;
  den = den * a + 793.826512519948;
  den = den * a + 440.413735824752;
  return (e * num) / den;
}
