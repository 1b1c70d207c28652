import { WorkledgerError } from '../errors.js';
import { periodKey } from '../period-key.js';
import { DAY_MS, wallClockToEpoch } from '../time.js';

/** An ISO 8601 week, `2026-W47`, and its half-open window [Monday 00:00, next Monday 00:00) in a zone. */
export interface IsoWeekWindow {
  week: string;
  from: number;
  to: number;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** Midnight of the Monday starting ISO week `week` of `year`, as a wall clock (Date.UTC fields). */
function mondayWallClock(year: number, week: number): number {
  // Week 1 is the week with January 4th in it (ISO 8601).
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/** 52 or 53: a year has week 53 when December 28th falls in it. */
export function isoWeeksInYear(year: number): number {
  return periodKey(Date.UTC(year, 11, 28), 'week', 'UTC').endsWith('-W53') ? 53 : 52;
}

/** Parse `2026-W47`; VALIDATION naming `field` when it is not an ISO week that exists. */
export function parseIsoWeek(text: string, field = 'week'): { year: number; week: number } {
  const match = WEEK.exec(text.trim());
  const year = Number(match?.[1]);
  const week = Number(match?.[2]);
  if (!match || week < 1 || week > isoWeeksInYear(year))
    throw new WorkledgerError('VALIDATION', `${field}: not an ISO week like 2026-W47: ${text}`, field);
  return { year, week };
}

/** The window of ISO week `text` in `timeZone`: Monday 00:00 local to the next Monday 00:00 local. */
export function isoWeekWindow(text: string, timeZone: string, field = 'week'): IsoWeekWindow {
  const { year, week } = parseIsoWeek(text, field);
  const monday = mondayWallClock(year, week);
  return {
    week: `${year}-W${String(week).padStart(2, '0')}`,
    from: wallClockToEpoch(timeZone, monday),
    to: wallClockToEpoch(timeZone, monday + 7 * DAY_MS),
  };
}

/** The ISO week before `text` (`2026-W01` → `2025-W52` or `-W53`). */
export function previousIsoWeek(text: string): string {
  const { year, week } = parseIsoWeek(text);
  return periodKey(mondayWallClock(year, week) - 7 * DAY_MS, 'week', 'UTC');
}

/** The last complete ISO week at `now` in `timeZone`: the week before the one `now` is in. */
export function lastCompleteIsoWeek(now: number, timeZone: string): string {
  return previousIsoWeek(periodKey(now, 'week', timeZone));
}

/**
 * The most recent settled ISO week at `now` (KPIS.md, Maturity): the latest week whose end plus the
 * durability window has passed, so its resolutions have all had their window to be reversed.
 */
export function lastSettledIsoWeek(now: number, timeZone: string, durabilityWindowMs: number): string {
  let week = lastCompleteIsoWeek(now, timeZone);
  while (isoWeekWindow(week, timeZone).to + durabilityWindowMs > now) week = previousIsoWeek(week);
  return week;
}
