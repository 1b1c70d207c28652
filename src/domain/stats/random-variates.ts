import { WorkledgerError } from '../errors.js';
import type { Random } from './random.js';

/** A standard normal variate by the Marsaglia polar method. */
export function standardNormal(random: Random): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/** A Gamma(shape, 1) variate by Marsaglia–Tsang, boosted for shape < 1. */
export function gammaVariate(random: Random, shape: number): number {
  if (!(shape > 0)) throw new WorkledgerError('VALIDATION', `gamma shape must be positive: ${shape}`);
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a); 1 − U keeps the base away from 0.
    return gammaVariate(random, shape + 1) * Math.pow(1 - random(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - random(); // in (0, 1], so log(u) is finite
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A Beta(a, b) variate as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function betaVariate(random: Random, a: number, b: number): number {
  const x = gammaVariate(random, a);
  const y = gammaVariate(random, b);
  return x / (x + y);
}
