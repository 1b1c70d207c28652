import { WorkledgerError } from './errors.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Offset of `timeZone` from UTC, in minutes, at the UTC instant `utcMs`. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = zoneFormatter(timeZone).formatToParts(new Date(utcMs));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** One formatter per zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // zones are few (IANA names a few hundred); the map stays small
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Epoch ms of a wall-clock time in `timeZone` (fields as Date.UTC takes them). */
export function wallClockToEpoch(timeZone: string, wallAsUtcMs: number): number {
  // Two passes settle the offset across a DST change.
  let guess = wallAsUtcMs - zoneOffsetMinutes(timeZone, wallAsUtcMs) * 60_000;
  guess = wallAsUtcMs - zoneOffsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** The times Workledger accepts: from the epoch to the end of 2199 UTC (docs/api.md, Times). */
export const MIN_EPOCH_MS = 0;
export const MAX_EPOCH_MS = Date.UTC(2200, 0, 1) - 1;

/** Offsets beyond ±14:00 exist nowhere (UTC+14 is the easternmost zone). */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Whether `ms` is a whole epoch millisecond within MIN_EPOCH_MS … MAX_EPOCH_MS. */
export function isEpochMsInRange(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS;
}

/**
 * Parse an ISO-8601 time into epoch ms. A time without a zone is read in `timeZone`
 * (KPIS.md: timestamps without a zone are read in the tenant's time zone). Returns null if unreadable:
 * no such calendar day, hour 24 or more, minute or second 60 or more (no leap seconds), an offset beyond
 * ±14:00, or an instant outside 1970-01-01T00:00:00Z … 2199-12-31T23:59:59.999Z.
 */
export function parseIsoTime(text: string, timeZone = 'UTC'): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (year < 1970 || year > 2199 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number((frac + '000').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  const epoch = zone === undefined ? wallClockToEpoch(timeZone, wall) : applyOffset(wall, zone);
  return epoch !== null && isEpochMsInRange(epoch) ? epoch : null;
}

function applyOffset(wall: number, zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  const offset = hours * 60 + minutes;
  if (minutes > 59 || offset > MAX_OFFSET_MINUTES) return null;
  return wall - sign * offset * 60_000;
}

/** Epoch ms as UTC ISO-8601, or null outside the accepted range (toIso would throw beyond year 275760). */
export function epochMsToIsoOrNull(ms: number): string | null {
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? toIso(ms) : null;
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
