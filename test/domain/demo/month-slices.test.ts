import { describe, expect, it } from 'vitest';
import { monthSlices } from '../../../src/domain/demo/month-slices.js';

describe('monthSlices', () => {
  it('cuts a range into UTC calendar months, each with its share of the whole month', () => {
    const from = Date.UTC(2026, 0, 15); // 15 January
    const to = Date.UTC(2026, 2, 10); // 10 March
    expect(monthSlices(from, to)).toEqual([
      // 15–31 January: 17 of 31 days
      { from, to: Date.UTC(2026, 1, 1), share: 17 / 31, month: '2026-01' },
      // all of February (28 days in 2026)
      { from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 2, 1), share: 1, month: '2026-02' },
      // 1–9 March: 9 of 31 days
      { from: Date.UTC(2026, 2, 1), to, share: 9 / 31, month: '2026-03' },
    ]);
    expect(monthSlices(to, to)).toEqual([]);
  });
});
