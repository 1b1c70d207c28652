import { describe, expect, it } from 'vitest';
import { epochMsToIsoOrNull, MAX_EPOCH_MS, parseIsoTime } from '../../src/domain/time.js';

describe('parseIsoTime', () => {
  it('reads what it always read', () => {
    expect(parseIsoTime('2025-09-01T10:20:30Z')).toBe(Date.UTC(2025, 8, 1, 10, 20, 30));
    expect(parseIsoTime('2025-09-01')).toBe(Date.UTC(2025, 8, 1));
    expect(parseIsoTime('2025-09-01T10:20:30.5+02:00')).toBe(Date.UTC(2025, 8, 1, 8, 20, 30, 500));
    expect(parseIsoTime('2025-09-01 10:20-0530')).toBe(Date.UTC(2025, 8, 1, 15, 50));
    expect(parseIsoTime('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(parseIsoTime('2025-09-01T10:00:00+14:00')).toBe(Date.UTC(2025, 8, 0, 20));
    expect(parseIsoTime('2025-09-01T10:00:00-14:00')).toBe(Date.UTC(2025, 8, 2, 0));
  });

  it('refuses impossible clock times instead of rolling them over', () => {
    for (const text of [
      '2025-09-01T10:99:99Z', // was read as 11:40:39
      '2025-09-01T10:60:00Z',
      '2025-09-01T10:00:60Z', // no leap seconds
      '2025-09-01T24:00:00Z', // 24:00 is refused: send 00:00 of the next day
      '2025-09-01T24:00',
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
    ])
      expect(parseIsoTime(text), text).toBeNull();
  });

  it('refuses offsets beyond ±14:00 and minutes of offset past 59', () => {
    for (const text of [
      '2025-09-01T10:00:00+14:01',
      '2025-09-01T10:00:00-15:00',
      '2025-09-01T10:00:00+05:60',
    ])
      expect(parseIsoTime(text), text).toBeNull();
  });

  it('accepts 1970-01-01T00:00:00Z … 2199-12-31T23:59:59.999Z and nothing outside', () => {
    expect(parseIsoTime('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseIsoTime('2199-12-31T23:59:59.999Z')).toBe(MAX_EPOCH_MS);
    expect(MAX_EPOCH_MS).toBe(Date.UTC(2200, 0, 1) - 1);
    for (const text of [
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:30:00+01:00', // 1969-12-31T23:30Z
      '0050-01-01', // Date.UTC would read year 50 as 1950
      '2200-01-01T00:00:00Z',
      '2199-12-31T23:00:00-01:00', // 2200-01-01T00:00Z
      '9999-12-31',
    ])
      expect(parseIsoTime(text), text).toBeNull();
    // a zone-less time read in a zone west of UTC may fall before the epoch
    expect(parseIsoTime('1970-01-01T00:00:00', 'America/New_York')).toBe(5 * 3_600_000);
    expect(parseIsoTime('1970-01-01T00:00:00', 'Asia/Tokyo')).toBeNull();
  });

  it('writes epoch ms as ISO text only within the same range', () => {
    expect(epochMsToIsoOrNull(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(epochMsToIsoOrNull(MAX_EPOCH_MS)).toBe('2199-12-31T23:59:59.999Z');
    for (const ms of [-1, MAX_EPOCH_MS + 1, 8.64e15 + 1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(epochMsToIsoOrNull(ms), String(ms)).toBeNull();
  });
});
