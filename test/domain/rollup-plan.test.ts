import { describe, expect, it } from 'vitest';
import { planWindow } from '../../src/domain/rollup-plan.js';

const D = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h);

describe('planWindow', () => {
  it('reads whole months, then weeks, then days, and raw items only at partial edges', () => {
    // 2026-09-28 (a Monday) 06:00 … 2026-11-03 12:00 UTC, no time grouping
    const plan = planWindow(D(2026, 9, 28, 6), D(2026, 11, 3, 12), undefined, 'UTC');
    expect(plan).toEqual([
      { source: 'raw', from: D(2026, 9, 28, 6), to: D(2026, 9, 29) },
      { source: 'day', from: D(2026, 9, 29), to: D(2026, 10, 1) },
      { source: 'month', from: D(2026, 10, 1), to: D(2026, 11, 1) },
      { source: 'day', from: D(2026, 11, 1), to: D(2026, 11, 3) },
      { source: 'raw', from: D(2026, 11, 3), to: D(2026, 11, 3, 12) },
    ]);
  });

  it('uses weeks for a week grouping and never a month', () => {
    // Thursday 1 Oct … Monday 26 Oct: days to Monday 5 Oct, then weeks 5–12, 12–19, 19–26
    expect(planWindow(D(2026, 10, 1), D(2026, 10, 26), 'week', 'UTC')).toEqual([
      { source: 'day', from: D(2026, 10, 1), to: D(2026, 10, 5) },
      { source: 'week', from: D(2026, 10, 5), to: D(2026, 10, 26) },
    ]);
    expect(planWindow(D(2026, 10, 1), D(2026, 10, 3), 'day', 'UTC')).toEqual([
      { source: 'day', from: D(2026, 10, 1), to: D(2026, 10, 3) },
    ]);
  });

  it('follows local midnights in the tenant zone', () => {
    // New York, November 2026: midnight is 04:00 UTC before 1 Nov (EDT) and 05:00 UTC after (EST)
    const plan = planWindow(D(2026, 10, 31, 4), D(2026, 11, 2, 5), 'day', 'America/New_York');
    expect(plan).toEqual([{ source: 'day', from: D(2026, 10, 31, 4), to: D(2026, 11, 2, 5) }]);
  });
});
