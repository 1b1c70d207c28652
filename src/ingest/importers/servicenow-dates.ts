import { RowError } from './servicenow-fields.js';

/** Whether numeric dates like `3/4/2016` put the day or the month first; decided once per file. */
export type DateOrder = 'dmy' | 'mdy';

/** The calendar fields of a time as the source wrote it, before any zone is applied. */
export interface TimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// yyyy-mm-dd, dd-mm-yyyy, d/m/yyyy, m/d/yyyy, dd.mm.yyyy; time optional, seconds optional, AM/PM optional.
const NUMERIC_TIME =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])[Mm])?)?$/;

/**
 * Decide day-first or month-first from a file's date values: the first value with a part above 12
 * settles it. Undecidable files are read day-first, as the UCI ServiceNow log is written.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder {
  for (const value of values) {
    const m = NUMERIC_TIME.exec(value.trim());
    if (!m || (m[1] ?? '').length === 4) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[3]) > 12) return 'mdy';
  }
  return 'dmy';
}

/** The calendar fields of a ServiceNow time text, or null if it is not one. */
export function splitTime(text: string, order: DateOrder): TimeParts | null {
  const m = NUMERIC_TIME.exec(text.trim());
  if (!m) return null;
  const [, a = '', , b = '', c = '', h = '0', mi = '0', s = '0', meridiem] = m;
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4) [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (c.length === 4) {
    year = Number(c);
    [day, month] = order === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  } else return null;
  let hour = Number(h);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const parts = { year, month, day, hour, minute: Number(mi), second: Number(s) };
  return isValid(parts) ? parts : null;
}

function isValid(p: TimeParts): boolean {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return false;
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDate() === p.day;
}

/** A number that orders times of one file (their wall clocks read as UTC). */
export function timeSortKey(p: TimeParts): number {
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/**
 * ISO-8601 text of a ServiceNow time: with `Z` for raw values (UTC), zone-less for display values
 * (the instance's zone), so the ingestion core reads those in the tenant's time zone.
 */
export function serviceNowIso(text: string, field: string, order: DateOrder, utc: boolean): string {
  const p = splitTime(text, order);
  if (!p) throw new RowError(field, `not a date and time: ${JSON.stringify(text)}`);
  return isoOf(p) + (utc ? 'Z' : '');
}

function isoOf(p: TimeParts): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}
