import { wallClockToEpoch, zoneOffsetMinutes } from './time.js';

export type PeriodUnit = 'day' | 'week' | 'month';

/** The calendar bucket of `ms` in `timeZone`: `2026-11-22`, ISO week `2026-W47`, or `2026-11`. */
export function periodKey(ms: number, unit: PeriodUnit, timeZone: string): string {
  const local = new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  switch (unit) {
    case 'day':
      return `${y}-${pad(m)}-${pad(d)}`;
    case 'month':
      return `${y}-${pad(m)}`;
    case 'week': {
      // ISO 8601: the week belongs to the year of its Thursday.
      const dayOfWeek = (local.getUTCDay() + 6) % 7;
      const thursday = Date.UTC(y, m - 1, d) + (3 - dayOfWeek) * 86_400_000;
      const thursdayYear = new Date(thursday).getUTCFullYear();
      const week = Math.floor((thursday - Date.UTC(thursdayYear, 0, 1)) / (7 * 86_400_000)) + 1;
      return `${thursdayYear}-W${pad(week)}`;
    }
    default: {
      const unreachable: never = unit;
      return String(unreachable);
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** One calendar bucket: its key (as periodKey names it) and its half-open window in epoch ms. */
export interface PeriodBucket {
  key: string;
  from: number;
  to: number;
}

/** The bucket of `unit` that contains `ms` in `timeZone`, with its local-midnight boundaries. */
export function periodBucketOf(ms: number, unit: PeriodUnit, timeZone: string): PeriodBucket {
  const local = new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  let start: number;
  let end: number;
  switch (unit) {
    case 'day':
      start = Date.UTC(y, m, d);
      end = Date.UTC(y, m, d + 1);
      break;
    case 'week': {
      const monday = d - ((local.getUTCDay() + 6) % 7);
      start = Date.UTC(y, m, monday);
      end = Date.UTC(y, m, monday + 7);
      break;
    }
    case 'month':
      start = Date.UTC(y, m, 1);
      end = Date.UTC(y, m + 1, 1);
      break;
    default: {
      const unreachable: never = unit;
      throw new Error(`unknown period unit ${String(unreachable)}`);
    }
  }
  return {
    key: periodKey(ms, unit, timeZone),
    from: wallClockToEpoch(timeZone, start),
    to: wallClockToEpoch(timeZone, end),
  };
}

/** Where the day, ISO week and month holding `ms` in `timeZone` start: periodBucketOf's `from` for each. */
export function periodStartsOf(ms: number, timeZone: string): { day: number; week: number; month: number } {
  const local = new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  return {
    day: wallClockToEpoch(timeZone, Date.UTC(y, m, d)),
    week: wallClockToEpoch(timeZone, Date.UTC(y, m, d - ((local.getUTCDay() + 6) % 7))),
    month: wallClockToEpoch(timeZone, Date.UTC(y, m, 1)),
  };
}

/** The buckets of `unit` that cover [from, to), each cut to that window. */
export function periodBuckets(from: number, to: number, unit: PeriodUnit, timeZone: string): PeriodBucket[] {
  const buckets: PeriodBucket[] = [];
  let at = from;
  while (at < to) {
    const bucket = periodBucketOf(at, unit, timeZone);
    // A zone change can make a local midnight repeat; always move forward.
    const end = Math.max(bucket.to, at + 1);
    buckets.push({ key: bucket.key, from: at, to: Math.min(end, to) });
    at = end;
  }
  return buckets;
}
