import { describe, expect, it } from 'vitest';
import { canRecommendFrom, periodMaturity, planComparison, windowAsOf } from '../../src/domain/maturity.js';
import { asItStood } from '../../src/domain/verification.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const W0 = Date.UTC(2026, 10, 2); // Monday 2026-11-02
const WINDOW = 7 * DAY;

describe('periodMaturity', () => {
  it('settles a period at its end plus the durability window, not before', () => {
    const week = { from: W0, to: W0 + WEEK };
    expect(periodMaturity(week, W0 + WEEK, WINDOW)).toEqual({
      settled: false,
      settles_at: W0 + 2 * WEEK,
      age_ms: 0,
    });
    expect(periodMaturity(week, W0 + 2 * WEEK - 1, WINDOW).settled).toBe(false);
    expect(periodMaturity(week, W0 + 2 * WEEK, WINDOW)).toEqual({
      settled: true,
      settles_at: W0 + 2 * WEEK,
      age_ms: WEEK,
    });
    // a period still running has a negative age
    expect(periodMaturity(week, W0 + DAY, WINDOW).age_ms).toBe(-6 * DAY);
    expect(canRecommendFrom(periodMaturity(week, W0 + WEEK, WINDOW))).toBe(false);
    expect(canRecommendFrom(periodMaturity(week, W0 + 3 * WEEK, WINDOW))).toBe(true);
  });
});

describe('planComparison', () => {
  const previous = { from: W0, to: W0 + WEEK };
  const current = { from: W0 + WEEK, to: W0 + 2 * WEEK };

  it('compares two settled periods as they stand', () => {
    const asOf = W0 + 3 * WEEK; // current settled at W0 + 3 weeks exactly
    expect(planComparison(current, previous, asOf, WINDOW)).toEqual({
      basis: 'settled',
      current: { ...current, asOf },
      previous: { ...previous, asOf },
    });
  });

  it('compares a settling period with the earlier one as it stood the same time after its own end', () => {
    const asOf = W0 + 2 * WEEK + 2 * DAY; // two days after the current week ended
    const plan = planComparison(current, previous, asOf, WINDOW);
    expect(plan.basis).toBe('equal_maturity');
    expect(plan.previous.asOf).toBe(W0 + WEEK + 2 * DAY); // two days after the previous week ended
    expect(plan.current.asOf).toBe(asOf);
  });

  it('compares a running period with the same point of the earlier one', () => {
    const asOf = W0 + WEEK + 3 * DAY; // three days into the current week
    const plan = planComparison(current, previous, asOf, WINDOW);
    expect(plan.basis).toBe('equal_maturity');
    expect(plan.previous.asOf).toBe(W0 + 3 * DAY);
    // and only the items that existed then
    expect(windowAsOf(plan.previous, plan.previous.asOf)).toEqual({ from: W0, to: W0 + 3 * DAY });
    expect(windowAsOf(plan.current, plan.current.asOf)).toEqual({ from: W0 + WEEK, to: asOf });
  });
});

describe('asItStood', () => {
  const base = { resolvedAt: null, closedAt: null } as const;
  it('counts an item that ended after the as-of as still open then', () => {
    expect(asItStood({ ...base, outcome: 'resolved', resolvedAt: W0 + DAY }, W0).outcome).toBe('open');
    expect(asItStood({ ...base, outcome: 'failed', closedAt: W0 + DAY }, W0).outcome).toBe('open');
    expect(asItStood({ ...base, outcome: 'resolved', resolvedAt: W0 }, W0).outcome).toBe('resolved');
    // an escalation's own time is not kept: the human's later resolution does not reopen it
    expect(asItStood({ ...base, outcome: 'escalated', resolvedAt: W0 + DAY }, W0).outcome).toBe('escalated');
    expect(asItStood({ ...base, outcome: 'failed' }, W0).outcome).toBe('failed');
  });
});
