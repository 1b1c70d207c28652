import { zoneOffsetMinutes } from './time.js';

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
