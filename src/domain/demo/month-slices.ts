import { toIso } from '../time.js';

/** One UTC calendar month's part of a range: where it starts and ends, and its share of the whole month. */
export interface MonthSlice {
  from: number;
  to: number;
  /** (to − from) ÷ the month's length: 1 for a whole month, less at the range's ends. */
  share: number;
  /** The month as `YYYY-MM`. */
  month: string;
}

/** The UTC calendar months overlapping [from, to), each cut to the range: how monthly fees are pro-rated. */
export function monthSlices(from: number, to: number): MonthSlice[] {
  const slices: MonthSlice[] = [];
  for (let cursor = from; cursor < to;) {
    const date = new Date(cursor);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const end = Math.min(nextMonth, to);
    slices.push({
      from: cursor,
      to: end,
      share: (end - cursor) / (nextMonth - monthStart),
      month: toIso(monthStart).slice(0, 7),
    });
    cursor = end;
  }
  return slices;
}
