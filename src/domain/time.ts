import { WorkledgerError } from './errors.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Offset of `timeZone` from UTC, in minutes, at the UTC instant `utcMs`. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Epoch ms of a wall-clock time in `timeZone` (fields as Date.UTC takes them). */
export function wallClockToEpoch(timeZone: string, wallAsUtcMs: number): number {
  // Two passes settle the offset across a DST change.
  let guess = wallAsUtcMs - zoneOffsetMinutes(timeZone, wallAsUtcMs) * 60_000;
  guess = wallAsUtcMs - zoneOffsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/**
 * Parse an ISO-8601 time into epoch ms. A time without a zone is read in `timeZone`
 * (KPIS.md: timestamps without a zone are read in the tenant's time zone). Returns null if unreadable.
 */
export function parseIsoTime(text: string, timeZone = 'UTC'): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(wall);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23)
    return null;
  if (zone === undefined) return wallClockToEpoch(timeZone, wall);
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  return wall - offset * 60_000;
}

/** Like parseIsoTime, but throws a VALIDATION error naming `field`. */
export function requireIsoTime(text: string, field: string, timeZone = 'UTC'): number {
  const ms = parseIsoTime(text, timeZone);
  if (ms === null) throw new WorkledgerError('VALIDATION', `${field}: not an ISO-8601 time: ${text}`, field);
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export const DAY_MS = 86_400_000;
