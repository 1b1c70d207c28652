import { describe, expect, it } from 'vitest';
import { rangeShareMicros } from '../../../src/domain/cost-share.js';
import { periodBuckets } from '../../../src/domain/period-key.js';
import { createRandom } from '../../../src/domain/stats/random.js';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);

describe('rangeShareMicros', () => {
  it('gives a January licence of 300 wholly to January, by day otherwise', () => {
    const licence = { amountMicros: 300_000_000, startsAt: JAN, endsAt: FEB };
    expect(rangeShareMicros(licence, JAN, FEB)).toBe(300_000_000);
    // one day of 31: 300 ÷ 31 = 9.677419 (half up at the micro-unit)
    expect(rangeShareMicros(licence, JAN, JAN + DAY)).toBe(9_677_419);
    // 11 days: round(300e6 × 11 ÷ 31) = round(106 451 612.9) = 106 451 613
    expect(rangeShareMicros(licence, JAN, JAN + 11 * DAY)).toBe(106_451_613);
    // outside the range, nothing
    expect(rangeShareMicros(licence, FEB, FEB + DAY)).toBe(0);
    expect(rangeShareMicros(licence, JAN - DAY, JAN)).toBe(0);
  });

  it('telescopes: the 31 daily shares of 100 over 31 days add up to exactly 100', () => {
    const cost = { amountMicros: 100_000_000, startsAt: JAN, endsAt: FEB };
    const shares = Array.from({ length: 31 }, (_, d) =>
      rangeShareMicros(cost, JAN + d * DAY, JAN + (d + 1) * DAY),
    );
    // 100e6 ÷ 31 = 3 225 806.45…: each day is 3 225 806 or 3 225 807, never drifting
    expect(new Set(shares)).toEqual(new Set([3_225_806, 3_225_807]));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100_000_000);
  });

  it('property: any covering set of periods adds up to the amount, to the micro-unit', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 500; trial++) {
      const amountMicros = Math.floor(random() * 1e12) + 1;
      const startsAt = JAN + Math.floor(random() * 90 * DAY);
      const endsAt = startsAt + 1 + Math.floor(random() * 400 * DAY);
      // random cut points, some before and after the range, in order
      const cuts = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        Math.floor(startsAt - 5 * DAY + random() * (endsAt - startsAt + 10 * DAY)),
      ).sort((a, b) => a - b);
      const edges = [startsAt - 10 * DAY, ...cuts, endsAt + 10 * DAY];
      let sum = 0;
      for (let i = 0; i + 1 < edges.length; i++)
        sum += rangeShareMicros({ amountMicros, startsAt, endsAt }, edges[i] ?? 0, edges[i + 1] ?? 0);
      expect(sum).toBe(amountMicros);
    }
  });

  it('refuses a range without a positive span', () => {
    expect(() => rangeShareMicros({ amountMicros: 1, startsAt: JAN, endsAt: JAN }, JAN, FEB)).toThrow(/span/);
  });
});

describe('periodBuckets', () => {
  it('cuts a window into local days, ISO weeks and months of the zone', () => {
    // 2026-03-28 .. 2026-04-02 in Berlin crosses the DST change of 29 March (a 23-hour day)
    const from = Date.UTC(2026, 2, 27, 23); // 2026-03-28 00:00 CET
    const to = Date.UTC(2026, 3, 1, 22); // 2026-04-02 00:00 CEST
    const days = periodBuckets(from, to, 'day', 'Europe/Berlin');
    expect(days.map((d) => d.key)).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
    ]);
    expect(days.map((d) => (d.to - d.from) / 3_600_000)).toEqual([24, 23, 24, 24, 24]);
    const weeks = periodBuckets(from, to, 'week', 'Europe/Berlin');
    // Saturday 28 March is in W13 (Mon 23 March); Monday 30 March starts W14
    expect(weeks.map((w) => [w.key, w.from, w.to])).toEqual([
      ['2026-W13', from, Date.UTC(2026, 2, 29, 22)],
      ['2026-W14', Date.UTC(2026, 2, 29, 22), to],
    ]);
    const months = periodBuckets(from, to, 'month', 'Europe/Berlin');
    expect(months.map((m) => [m.key, m.from, m.to])).toEqual([
      ['2026-03', from, Date.UTC(2026, 2, 31, 22)],
      ['2026-04', Date.UTC(2026, 2, 31, 22), to],
    ]);
  });
});
