import { describe, expect, it } from 'vitest';
import type { AgentMix } from '../../../src/domain/value/agent-mix.js';
import { accuracyBound, upperReworkCostMicros } from '../../../src/domain/value/risk-adjusted.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';

const mix = (overrides: Partial<AgentMix>): AgentMix => ({
  cohorts: [],
  uncoveredCohorts: [],
  handled: 0,
  handledCovered: 0,
  settled: 0,
  verifiedTotal: 0,
  verifiedUncovered: 0,
  resolved: 0,
  reworked: 0,
  reworkHours: 0,
  resolvedHours: 0,
  ...overrides,
});

describe('accuracyBound', () => {
  it('takes the lower bound of verified accuracy when reviews exist', () => {
    const bound = accuracyBound(mix({ verifiedTotal: 5, settled: 10 }), {
      value: 0.9,
      ci: [0.7, 0.97],
      n: 40,
    });
    expect(bound).toEqual({ source: 'verified_accuracy', lowerBound: 0.7, factor: 0.7, n: 40 });
  });

  it('falls back to the durable rate when verified accuracy has no value', () => {
    // 8 of 10 durable: Wilson lower 0.4901625 (wilson.test.ts), factor = 0.4901625 / 0.8 = 0.6127031
    const bound = accuracyBound(mix({ verifiedTotal: 8, settled: 10 }), {
      value: null,
      ci: null,
      n: 0,
      reason: 'no HITL reviews yet',
    });
    expect(bound.source).toBe('durable_rate');
    expect(bound.lowerBound).toBeCloseTo(0.4901625, 6);
    expect(bound.factor).toBeCloseTo(0.4901625 / 0.8, 6);
    expect(bound.n).toBe(10);
  });

  it('is 0 when nothing is verified or settled', () => {
    expect(accuracyBound(mix({ settled: 4 }), undefined)).toEqual({
      source: 'durable_rate',
      lowerBound: 0,
      factor: 0,
      n: 4,
    });
    expect(accuracyBound(mix({}), undefined).lowerBound).toBeNull();
  });
});

describe('upperReworkCostMicros', () => {
  it('adds the items the upper bound implies at the mean resolved cost', () => {
    // 1 of 10 resolved reworked; upper Wilson bound of 1/10 = 0.4041500; 4.0415 − 1 = 3.0415 more items
    // mean resolved cost = 5 h / 10 · 40 = 20 per item → 10 (observed) + 3.0415 · 20 = 70.83
    const [, upper] = wilsonInterval(1, 10) ?? [0, Number.NaN];
    expect(upper).toBeCloseTo(0.40415, 5);
    const cost = upperReworkCostMicros(
      mix({ resolved: 10, reworked: 1, resolvedHours: 5 }),
      10_000_000,
      40_000_000,
    );
    expect(cost).toBe(10_000_000 + Math.round((upper * 10 - 1) * 20_000_000));
  });

  it('is the observed cost when nothing was resolved', () => {
    expect(upperReworkCostMicros(mix({}), 0, 40_000_000)).toBe(0);
  });
});
