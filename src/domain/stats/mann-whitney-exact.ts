/**
 * The exact two-sided p-value of Mann-Whitney U = `u` for samples of n₁ and n₂ without ties:
 * min(1, 2·min(P(U ≤ u), P(U ≥ u))) under the null that all C(n₁ + n₂, n₁) orderings are equally likely.
 */
export function mannWhitneyExactPValue(u: number, n1: number, n2: number): number {
  const counts = uCounts(n1, n2);
  let total = 0;
  let atMost = 0;
  let atLeast = 0;
  counts.forEach((count, value) => {
    total += count;
    if (value <= u) atMost += count;
    if (value >= u) atLeast += count;
  });
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

/**
 * How many orderings give each U = 0 … n₁n₂, by the recurrence c(i, j, u) = c(i − 1, j, u − j) + c(i, j − 1, u):
 * the largest value is either from a (it beats all j values of b) or from b (it beats none of a).
 * Rows over i are rolled, so memory is O(n₂ · n₁n₂); counts are doubles, exact up to 2⁵³ and
 * accurate to 1e-16 relative beyond.
 */
function uCounts(n1: number, n2: number): Float64Array {
  // previous[j] = counts for (i − 1, j); row i = 0 has the single ordering U = 0 for every j.
  let previous: Float64Array[] = Array.from({ length: n2 + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= n1; i++) {
    const current: Float64Array[] = [Float64Array.of(1)]; // j = 0: only a, U = 0
    for (let j = 1; j <= n2; j++) {
      const next = new Float64Array(i * j + 1);
      const fromA = previous[j] ?? new Float64Array(0);
      const fromB = current[j - 1] ?? new Float64Array(0);
      fromA.forEach((count, value) => {
        next[value + j] = (next[value + j] ?? 0) + count;
      });
      fromB.forEach((count, value) => {
        next[value] = (next[value] ?? 0) + count;
      });
      current.push(next);
    }
    previous = current;
  }
  return previous[n2] ?? new Float64Array(0);
}
