import type { SeededRandom } from '../../src/domain/demo/seeded-random.js';
import { DAY_MS } from '../../src/domain/time.js';

const HOUR_MS = 3_600_000;
/** Sunday first, as Date#getUTCDay counts. */
const DAY_OF_WEEK = [0.32, 1.14, 1.1, 1.05, 1, 0.9, 0.38];
const WEEKDAY_HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 18, 16, 12, 15, 16, 15, 12, 8, 5, 4, 3, 2, 2, 1];
const WEEKEND_HOURS = [2, 1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2];

function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (sums[i] = total += w));
  return sums.map((s) => s / total);
}
const weekdayHours = cumulative(WEEKDAY_HOURS);
const weekendHours = cumulative(WEEKEND_HOURS);

/** The index drawn from cumulative shares `sums` (ascending, last = 1) for a uniform `u` in [0, 1). */
export function drawIndex(sums: Float64Array, u: number): number {
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 1) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Cumulative shares of weights, for drawIndex. */
export const cumulativeShares = cumulative;

/**
 * Items opened on each of `days` UTC days from `start` (a midnight), exactly `total` in all: the day of
 * the week (quiet weekends), a mild yearly wave, a 25 % growth over the span and a year-end dip.
 * Rounded on the running total, so the counts add up exactly.
 */
export function dailyCounts(total: number, start: number, days: number): number[] {
  const weights: number[] = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * DAY_MS);
    const holiday = date.getUTCMonth() === 11 && date.getUTCDate() >= 24 ? 0.45 : 1;
    const season = 1 + 0.08 * Math.sin((2 * Math.PI * d) / 365);
    weights.push((DAY_OF_WEEK[date.getUTCDay()] ?? 1) * season * (1 + (0.25 * d) / days) * holiday);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let running = 0;
  let given = 0;
  for (const w of weights) {
    running += w;
    const upTo = Math.round((total * running) / sum);
    counts.push(upTo - given);
    given = upTo;
  }
  return counts;
}

/** `count` opening times on the UTC day starting at `day`, sorted: office hours on weekdays, flatter at weekends. */
export function arrivalTimes(rng: SeededRandom, day: number, count: number): Float64Array {
  const weekday = new Date(day).getUTCDay();
  const hours = weekday === 0 || weekday === 6 ? weekendHours : weekdayHours;
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++)
    times[i] = day + drawIndex(hours, rng.next()) * HOUR_MS + Math.floor(rng.next() * 3_600) * 1_000;
  return times.sort();
}
