import { describe, expect, it } from 'vitest';
import { periodBucketOf, periodStartsOf } from '../../src/domain/period-key.js';
import { zoneOffsetMinutes } from '../../src/domain/time.js';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
];

describe('periodStartsOf', () => {
  it('gives the start of the day, ISO week and month periodBucketOf gives, in every zone, across DST changes', () => {
    // every 7 hours 13 minutes through 2026: hits every weekday, both DST changes, month and year ends
    for (const zone of ZONES)
      for (let ms = Date.UTC(2025, 11, 25); ms < Date.UTC(2027, 0, 5); ms += (7 * 60 + 13) * 60_000) {
        const starts = periodStartsOf(ms, zone);
        expect(starts.day, `${zone} ${new Date(ms).toISOString()}`).toBe(
          periodBucketOf(ms, 'day', zone).from,
        );
        expect(starts.week).toBe(periodBucketOf(ms, 'week', zone).from);
        expect(starts.month).toBe(periodBucketOf(ms, 'month', zone).from);
      }
  });

  it('starts a Berlin day at local midnight: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    // 2026-01-15 12:00 UTC is 13:00 in Berlin (UTC+1): its day starts 2026-01-14T23:00Z; its ISO week
    // starts Monday 2026-01-12 00:00 local = 2026-01-11T23:00Z; its month 2026-01-01 00:00 = 2025-12-31T23:00Z.
    expect(periodStartsOf(Date.UTC(2026, 0, 15, 12), 'Europe/Berlin')).toEqual({
      day: Date.UTC(2026, 0, 14, 23),
      week: Date.UTC(2026, 0, 11, 23),
      month: Date.UTC(2025, 11, 31, 23),
    });
    // 2026-07-15 is a Wednesday, UTC+2: day from 2026-07-14T22:00Z, week from Monday 13th = 12th 22:00Z,
    // month from 2026-06-30T22:00Z
    expect(periodStartsOf(Date.UTC(2026, 6, 15, 12), 'Europe/Berlin')).toEqual({
      day: Date.UTC(2026, 6, 14, 22),
      week: Date.UTC(2026, 6, 12, 22),
      month: Date.UTC(2026, 5, 30, 22),
    });
  });

  it('reads zone offsets the same on every call (the formatter is kept per zone)', () => {
    expect(zoneOffsetMinutes('Asia/Kathmandu', Date.UTC(2026, 5, 1))).toBe(345);
    expect(zoneOffsetMinutes('Asia/Kathmandu', Date.UTC(2026, 5, 1))).toBe(345);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 1))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 1))).toBe(-240);
    expect(() => zoneOffsetMinutes('Not/AZone', 0)).toThrow(RangeError);
  });
});
