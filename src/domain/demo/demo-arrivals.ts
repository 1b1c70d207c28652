import { DAY_MS } from '../time.js';
import { DEMO_CATEGORIES, PRIORITY_WEIGHTS, type DemoCategory } from './demo-categories.js';
import type { SeededRandom, Weighted } from './seeded-random.js';

/** One piece of work arriving at the service desk, before anyone handles it. */
export interface Arrival {
  openedAt: number;
  profile: DemoCategory;
  priority: number;
  channel: string;
}

const HOUR_MS = 3_600_000;
/** Weekday arrivals per day at scale 1; weekends and hours shape them below. */
const WEEKDAY_BASE = 228;
/** Sunday first, as Date#getUTCDay counts. */
const DAY_OF_WEEK_FACTOR = [0.3, 1.12, 1.08, 1.03, 1, 0.9, 0.36];
const WEEKDAY_HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 18, 16, 12, 15, 16, 15, 12, 8, 5, 4, 3, 2, 2, 1];
const WEEKEND_HOURS = [2, 1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2];

const toWeighted = (weights: readonly number[]): Weighted<number>[] =>
  weights.map((weight, hour) => ({ value: hour, weight }));
const weekdayHours = toWeighted(WEEKDAY_HOURS);
const weekendHours = toWeighted(WEEKEND_HOURS);
const categories: Weighted<DemoCategory>[] = DEMO_CATEGORIES.map((c) => ({ value: c, weight: c.share }));

/**
 * Arrivals on the UTC days from `fromDay` (start of a day) up to `now`, sorted by time: volume follows
 * the day of the week with a mild upward trend; times follow office hours on weekdays, flatter on weekends.
 */
export function generateArrivals(rng: SeededRandom, fromDay: number, now: number, scale: number): Arrival[] {
  const arrivals: Arrival[] = [];
  const span = Math.max(1, Math.ceil((now - fromDay) / DAY_MS));
  for (let day = fromDay, index = 0; day < now; day += DAY_MS, index++) {
    const weekday = new Date(day).getUTCDay();
    const trend = 1 + 0.06 * (index / span);
    const mean = WEEKDAY_BASE * (DAY_OF_WEEK_FACTOR[weekday] ?? 1) * trend * scale;
    const count = Math.max(0, Math.round(mean * (1 + 0.07 * rng.normal())));
    const hours = weekday === 0 || weekday === 6 ? weekendHours : weekdayHours;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = day + rng.pick(hours) * HOUR_MS + Math.floor(rng.next() * 3600) * 1000;
      if (at < now) times.push(at);
    }
    times.sort((a, b) => a - b);
    for (const openedAt of times) {
      const profile = rng.pick(categories);
      arrivals.push({
        openedAt,
        profile,
        priority: rng.pick(PRIORITY_WEIGHTS),
        channel: rng.pick(profile.channels),
      });
    }
  }
  return arrivals;
}
