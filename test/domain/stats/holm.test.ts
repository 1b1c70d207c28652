import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../src/domain/stats/holm.js';

describe('holmAdjust', () => {
  it('matches a hand-worked family of four tests', () => {
    // sorted: 0.01, 0.02, 0.03, 0.04 → 4 × 0.01 = 0.04, 3 × 0.02 = 0.06, 2 × 0.03 = 0.06, 1 × 0.04 = 0.04
    // → then the running maximum: 0.04, 0.06, 0.06, 0.06
    const adjusted = holmAdjust([0.03, 0.01, 0.04, 0.02]);
    expect(adjusted.map((p) => p?.toFixed(6))).toEqual(['0.060000', '0.040000', '0.060000', '0.060000']);
  });

  it("agrees with R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    // R 4.3: p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm") → 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
  });

  it('keeps untested entries null, caps at 1, and leaves one test unchanged', () => {
    expect(holmAdjust([null, 0.4, null, 0.7])).toEqual([null, 0.8, null, 0.8]);
    expect(holmAdjust([0.6, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([0.012])).toEqual([0.012]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([1.2])).toThrow(/p-value/);
  });
});
