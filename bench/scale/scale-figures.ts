import type { LoadResult } from './engine-run.js';

/** Whole numbers with thousands separators. */
export const n = (x: number) => Math.round(x).toLocaleString('en-US');
/** Milliseconds for a table: one decimal below 10, whole above, thousands separated. */
export const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : n(x));
/** Per second, from a count and milliseconds. */
export const rate = (count: number, millis: number) => (count / millis) * 1000;

/** Records/s of the first and last 100,000 records (or tenth, on small runs) of an HTTP load. */
export function firstAndLast(load: Extract<LoadResult, { mode: 'http' }>): {
  first: number;
  last: number;
  span: number;
} {
  const span = Math.min(100_000, Math.ceil(load.figures.records / 10));
  const over = (batches: readonly { records: number; ms: number }[]) => {
    let records = 0;
    let millis = 0;
    for (const b of batches) {
      if (records >= span) break;
      records += b.records;
      millis += b.ms;
    }
    return rate(records, millis);
  };
  return { first: over(load.figures.batches), last: over([...load.figures.batches].reverse()), span };
}
