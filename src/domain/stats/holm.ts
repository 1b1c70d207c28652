import { WorkledgerError } from '../errors.js';

/**
 * Holm–Bonferroni adjusted p-values of one family of tests, in the order given: sort ascending,
 * p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎). A test rejects at α when p̃ < α, which holds
 * the chance of any false verdict in the family at α. Untested entries (null) stay null and do not
 * count towards m.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((t): t is { p: number; index: number } => t.p !== null);
  for (const { p } of tested) {
    if (!(p >= 0 && p <= 1)) throw new WorkledgerError('VALIDATION', `a p-value must be in [0, 1]: ${p}`);
  }
  tested.sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted: (number | null)[] = pValues.map(() => null);
  const m = tested.length;
  let running = 0;
  tested.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
