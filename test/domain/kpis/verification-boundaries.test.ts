import { describe, expect, it } from 'vitest';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { computeKpis } from '../../../src/domain/kpis/compute-kpis.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';
import { DAY, HOUR, makeItem, T0 } from './item-factory.js';

const WINDOW = 7 * DAY;
const RESOLVED = T0 + HOUR;

function kpisAsOf(asOf: number, items: KpiItem[]) {
  return computeKpis({
    items,
    asOf,
    durabilityWindowMs: WINDOW,
    reworkWindowMs: 14 * DAY,
    slaHours: () => null,
    totalCostMicros: 2_500_000,
    seed: 1,
  });
}

describe('verification states at asOf', () => {
  const resolved = makeItem({ id: 'x', outcome: 'resolved', resolvedAt: RESOLVED });

  it('keeps an item provisional until its window has fully passed', () => {
    // RESOLVED + WINDOW > asOf by 1 ms → provisional: it leaves durable and error denominators (1 − 1 = 0)
    const kpis = kpisAsOf(RESOLVED + WINDOW - 1, [resolved]);
    expect(kpis.n_provisional).toEqual({ value: 1, ci: null, n: 1, low_n: true });
    expect(kpis.durable_rate).toEqual({
      value: null,
      ci: null,
      n: 0,
      reason: 'every handled item is still provisional',
    });
    expect(kpis.error_rate.value).toBeNull();
    expect(kpis.cost_per_output.value).toBeNull();
    expect(kpis.cost_per_output.reason).toMatch(/no verified outcomes/);
  });

  it('makes it durable the moment the window closes', () => {
    // RESOLVED + WINDOW = asOf → durable: 1 ÷ (1 − 0); cost per output 2.5 / 1
    const kpis = kpisAsOf(RESOLVED + WINDOW, [resolved]);
    expect(kpis.n_provisional.value).toBe(0);
    expect(kpis.durable_rate).toEqual({ value: 1, ci: wilsonInterval(1, 1), n: 1, low_n: true });
    expect(kpis.error_rate).toEqual({ value: 0, ci: wilsonInterval(0, 1), n: 1, low_n: true });
    expect(kpis.cost_per_output).toEqual({ value: 2.5, ci: null, n: 1, low_n: true });
  });

  it('counts a reversal only once it is known at asOf', () => {
    const reversedAt = RESOLVED + 10 * DAY;
    const item = makeItem({ id: 'x', outcome: 'resolved', resolvedAt: RESOLVED, reversedAt });
    // 1 ms before the reversal the item is durable: durable 1/1, error 0/1
    const before = kpisAsOf(reversedAt - 1, [item]);
    expect(before.durable_rate.value).toBe(1);
    expect(before.error_rate.value).toBe(0);
    // at the reversal it is reversed: durable 0/1, error 1/1, no verified outcome left
    const at = kpisAsOf(reversedAt, [item]);
    expect(at.durable_rate.value).toBe(0);
    expect(at.error_rate).toEqual({ value: 1, ci: wilsonInterval(1, 1), n: 1, low_n: true });
    expect(at.cost_per_output.value).toBeNull();
  });

  it('keeps a reversal inside the window ahead of provisional', () => {
    // reversed 1 day after resolution, asOf 2 days after: still inside the window, but reversed wins
    const item = makeItem({ id: 'x', outcome: 'resolved', resolvedAt: RESOLVED, reversedAt: RESOLVED + DAY });
    const kpis = kpisAsOf(RESOLVED + 2 * DAY, [item]);
    expect(kpis.n_provisional.value).toBe(0);
    expect(kpis.error_rate.value).toBe(1);
  });

  it('keeps a disputed item in the denominators but in neither numerator', () => {
    // durable d, disputed s: durable 1 ÷ 2, error 0 ÷ 2
    const items = [
      makeItem({ id: 'd', outcome: 'resolved', resolvedAt: RESOLVED }),
      makeItem({ id: 's', outcome: 'resolved', resolvedAt: RESOLVED, disputedAt: RESOLVED + DAY }),
    ];
    const kpis = kpisAsOf(RESOLVED + 30 * DAY, items);
    expect(kpis.durable_rate.value).toBe(0.5);
    expect(kpis.durable_rate.n).toBe(2);
    expect(kpis.error_rate.value).toBe(0);
    expect(kpis.cost_per_output.value).toBe(2.5); // 2.5 / 1 verified outcome
  });
});
