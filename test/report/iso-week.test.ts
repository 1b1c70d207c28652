import { describe, expect, it } from 'vitest';
import {
  isoWeekWindow,
  isoWeeksInYear,
  lastCompleteIsoWeek,
  parseIsoWeek,
  previousIsoWeek,
} from '../../src/domain/report/iso-week.js';

describe('ISO weeks', () => {
  it('2026-W47 is Monday 16 November 00:00 to Monday 23 November 00:00', () => {
    expect(isoWeekWindow('2026-W47', 'UTC')).toEqual({
      week: '2026-W47',
      from: Date.UTC(2026, 10, 16),
      to: Date.UTC(2026, 10, 23),
    });
  });

  it("is read in the tenant's zone (Berlin is UTC+1 in November)", () => {
    const { from, to } = isoWeekWindow('2026-W47', 'Europe/Berlin');
    expect(new Date(from).toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-11-22T23:00:00.000Z');
  });

  it('a week across the end of summer time lasts 7 days and 1 hour', () => {
    // 2026-10-25 03:00 CEST becomes 02:00 CET: that Sunday ends week 43.
    const { from, to } = isoWeekWindow('2026-W43', 'Europe/Berlin');
    expect(new Date(from).toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(to - from).toBe(7 * 86_400_000 + 3_600_000);
  });

  it('week 1 holds 4 January; 2026 has 53 weeks (it starts on a Thursday), 2025 has 52', () => {
    // 4 January 2021 was a Monday, so 2021-W01 starts on it.
    expect(isoWeekWindow('2021-W01', 'UTC').from).toBe(Date.UTC(2021, 0, 4));
    // 1 January 2027 is a Friday: it belongs to 2026-W53, which starts Monday 28 December 2026.
    expect(isoWeekWindow('2026-W53', 'UTC').from).toBe(Date.UTC(2026, 11, 28));
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(previousIsoWeek('2027-W01')).toBe('2026-W53');
    expect(previousIsoWeek('2026-W01')).toBe('2025-W52');
  });

  it('rejects what is not an existing ISO week, naming the field', () => {
    for (const bad of ['2025-W53', '2026-W00', '2026-47', '2026-W7', 'last'])
      expect(() => parseIsoWeek(bad)).toThrow(/week: not an ISO week/);
  });

  it("the last complete week is the one before now's, in the tenant's zone", () => {
    const mondaySix = Date.UTC(2026, 10, 23, 6);
    expect(lastCompleteIsoWeek(mondaySix, 'UTC')).toBe('2026-W47');
    // In Honolulu (UTC−10) it is still Sunday 20:00 of week 47.
    expect(lastCompleteIsoWeek(mondaySix, 'Pacific/Honolulu')).toBe('2026-W46');
  });
});
