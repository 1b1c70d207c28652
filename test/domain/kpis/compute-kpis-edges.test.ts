import { describe, expect, it } from 'vitest';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { computeKpis, type KpiInput } from '../../../src/domain/kpis/compute-kpis.js';
import { KPI_NAMES } from '../../../src/domain/kpis/kpi-value.js';
import { DAY, HOUR, makeItem, T0 } from './item-factory.js';

function input(items: KpiItem[], overrides: Partial<KpiInput> = {}): KpiInput {
  return {
    items,
    asOf: T0 + 60 * DAY,
    durabilityWindowMs: 7 * DAY,
    reworkWindowMs: 14 * DAY,
    slaHours: () => 4,
    totalCostMicros: 0,
    seed: 3,
    ...overrides,
  };
}

function resolvedItems(count: number): KpiItem[] {
  return Array.from({ length: count }, (_, i) =>
    makeItem({ id: `r${i}`, outcome: 'resolved', resolvedAt: T0 + (i + 1) * HOUR }),
  );
}

describe('computeKpis edge cases', () => {
  it('gives counts of zero and reasons instead of rates when there are no items', () => {
    const kpis = computeKpis(input([]));
    expect(kpis.items_handled).toEqual({ value: 0, ci: null, n: 0, low_n: true });
    expect(kpis.total_cost).toEqual({ value: 0, ci: null, n: 0, low_n: true });
    expect(kpis.containment_rate).toEqual({ value: null, ci: null, n: 0, reason: 'no handled items' });
    expect(kpis.durable_rate.reason).toBe('no handled items');
    expect(kpis.reopen_rate).toEqual({ value: null, ci: null, n: 0, reason: 'no resolved items' });
    expect(kpis.latency_p50_s.reason).toBe('no resolved items with a resolution time');
    expect(kpis.mttr_s.reason).toBe('no resolved items with a resolution time');
    expect(kpis.csat_mean.reason).toBe('no agent-handled items with csat');
    expect(kpis.coverage_rate.reason).toBe("no items in the agents' scope");
    // a null value never carries low_n
    for (const name of KPI_NAMES) {
      if (kpis[name].value === null) expect(kpis[name]).not.toHaveProperty('low_n');
    }
  });

  it('flags low_n below 30 items and not at 30', () => {
    // 29 resolved: n = 29 < 30 → low_n; 30 resolved: n = 30 → no low_n key
    const small = computeKpis(input(resolvedItems(29)));
    expect(small.items_handled.low_n).toBe(true);
    expect(small.containment_rate.low_n).toBe(true);
    expect(small.latency_p50_s.low_n).toBe(true);
    const enough = computeKpis(input(resolvedItems(30)));
    expect(enough.items_handled).toEqual({ value: 30, ci: null, n: 30 });
    expect(enough.containment_rate).not.toHaveProperty('low_n');
    expect(enough.latency_p50_s).not.toHaveProperty('low_n');
    // latencies 1..30 h: p50 at h = 29·0.5 = 14.5 → 15 h + 0.5 h = 15.5 h = 55800 s
    expect(enough.latency_p50_s.value).toBeCloseTo(55800, 9);
    // SLA 4 h: items resolved in 1..4 h meet it → 4 ÷ 30
    expect(enough.sla_adherence.value).toBeCloseTo(4 / 30, 15);
  });

  it('ignores human items in every agent KPI', () => {
    const human = makeItem({
      id: 'h',
      handledBy: 'human',
      outcome: 'resolved',
      resolvedAt: T0 + HOUR,
      firstResponseAt: T0 + 60_000,
      csat: 5,
    });
    const kpis = computeKpis(input([human]));
    expect(kpis.items_handled.value).toBe(0);
    expect(kpis.latency_p50_s.value).toBeNull();
    expect(kpis.first_response_p50_s.reason).toBe('no agent-handled items with a first response');
    expect(kpis.csat_mean.value).toBeNull();
  });

  it('does not compute latency for escalated items (their resolution time is the human one)', () => {
    const escalated = makeItem({ id: 'e', outcome: 'escalated', resolvedAt: T0 + 9 * HOUR });
    const resolved = makeItem({ id: 'r', outcome: 'resolved', resolvedAt: T0 + 2 * HOUR });
    const kpis = computeKpis(input([escalated, resolved]));
    // only r: 2 h = 7200 s, a single value has no bootstrap interval
    expect(kpis.latency_p50_s).toEqual({ value: 7200, ci: null, n: 1, low_n: true });
    expect(kpis.mttr_s).toEqual({ value: 7200, ci: null, n: 1, low_n: true });
  });

  it('rejects cost that is not in integer micro-units and non-finite times', () => {
    expect(() => computeKpis(input([], { totalCostMicros: 1.5 }))).toThrow(/micro-units/);
    expect(() => computeKpis(input([], { asOf: Number.NaN }))).toThrow(/asOf/);
    expect(() => computeKpis(input([], { reworkWindowMs: -1 }))).toThrow(/negative/);
  });
});
