import { periodBucketOf, type PeriodUnit } from './period-key.js';

/** A stretch of a query window: whole rollup buckets of one grain, or raw items (a partial day). */
export interface WindowChunk {
  readonly source: PeriodUnit | 'raw';
  readonly from: number;
  readonly to: number;
}

/**
 * Cut [from, to) into the fewest whole rollup buckets the grouping allows — months, then ISO weeks, then
 * days, in the tenant's zone — and raw stretches where no whole day fits (the edges of a window that does
 * not start or end at midnight). A grouping by day reads days only; by week, weeks and days; by month,
 * months and days (weeks straddle months and months straddle weeks).
 */
export function planWindow(
  from: number,
  to: number,
  timeUnit: PeriodUnit | undefined,
  timeZone: string,
): WindowChunk[] {
  const grains: PeriodUnit[] =
    timeUnit === 'day'
      ? ['day']
      : timeUnit === 'week'
        ? ['week', 'day']
        : timeUnit === 'month'
          ? ['month', 'day']
          : ['month', 'week', 'day'];
  const chunks: WindowChunk[] = [];
  const push = (chunk: WindowChunk) => {
    const last = chunks[chunks.length - 1];
    // adjacent stretches of one source merge, so a query reads each grain in one range
    if (last && last.source === chunk.source && last.to === chunk.from)
      chunks[chunks.length - 1] = { ...last, to: chunk.to };
    else chunks.push(chunk);
  };
  let at = from;
  while (at < to) {
    const day = periodBucketOf(at, 'day', timeZone);
    if (day.from !== at) {
      const end = Math.min(to, Math.max(day.to, at + 1));
      push({ source: 'raw', from: at, to: end });
      at = end;
      continue;
    }
    let taken = false;
    for (const grain of grains) {
      const bucket = periodBucketOf(at, grain, timeZone);
      if (bucket.from === at && bucket.to <= to && bucket.to > at) {
        push({ source: grain, from: at, to: bucket.to });
        at = bucket.to;
        taken = true;
        break;
      }
    }
    if (!taken) {
      push({ source: 'raw', from: at, to });
      at = to;
    }
  }
  return chunks;
}
