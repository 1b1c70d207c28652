import { describe, expect, it } from 'vitest';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { computeKpis, type KpiInput } from '../../../src/domain/kpis/compute-kpis.js';
import { KPI_NAMES, type KpiValue } from '../../../src/domain/kpis/kpi-value.js';
import { bootstrapMeanCi, bootstrapPercentileCi } from '../../../src/domain/stats/bootstrap.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';
import { DAY, HOUR, makeItem, T0 } from './item-factory.js';

const AS_OF = T0 + 30 * DAY;
const DURABILITY = 7 * DAY;
const REWORK = 14 * DAY;

/** 'it' has a 4 h target (8 h at priority 1); 'hr' has none. */
const slaHours = (workflow: string | null, priority: number | null): number | null =>
  workflow === 'it' ? (priority === 1 ? 8 : 4) : null;

/**
 * One period of agent-a, all in cohort (password, 3, portal). Resolution latencies are 1..8 hours
 * (r1..r8). State as of AS_OF with a 7-day window:
 *   durable: r1, r2, r5 (resolved exactly AS_OF − 7 d), r7 (reversed 1 ms after AS_OF)
 *   reversed: r3, r6 (reversed exactly at AS_OF); provisional: r4; disputed: r8
 */
const scenario: KpiItem[] = [
  makeItem({
    id: 'r1',
    outcome: 'resolved',
    resolvedAt: T0 + 1 * HOUR,
    firstResponseAt: T0 + 600_000,
    stateChangeVerified: true,
    csat: 5,
    reworkOpenedAt: T0 + 1 * HOUR + REWORK, // exactly at the rework window: counts
  }),
  makeItem({
    id: 'r2',
    outcome: 'resolved',
    resolvedAt: T0 + 2 * HOUR,
    reassignmentCount: 1,
    firstResponseAt: T0 + 1_200_000,
    stateChangeVerified: false,
    csat: 3,
    slaMet: false, // the source's breach wins over 2 h ≤ 4 h
  }),
  makeItem({
    id: 'r3',
    outcome: 'resolved',
    closedAt: T0 + 3 * HOUR, // no resolvedAt: resolved at closed_at
    reopenCount: 1,
    reversedAt: T0 + DAY,
    reworkOpenedAt: T0 + 3 * HOUR + 13 * DAY,
  }),
  makeItem({
    id: 'r4',
    outcome: 'resolved',
    openedAt: AS_OF - 5 * DAY - 4 * HOUR,
    resolvedAt: AS_OF - 5 * DAY,
    csat: 4,
    reworkOpenedAt: AS_OF - 5 * DAY + REWORK + 1, // 1 ms past the rework window: does not count
  }),
  makeItem({
    id: 'r5',
    outcome: 'resolved',
    openedAt: AS_OF - DURABILITY - 5 * HOUR,
    resolvedAt: AS_OF - DURABILITY,
    stateChangeVerified: true,
  }),
  makeItem({
    id: 'r6',
    outcome: 'resolved',
    openedAt: T0 + DAY,
    resolvedAt: T0 + DAY + 6 * HOUR,
    reversedAt: AS_OF,
    stateChangeVerified: true,
    slaMet: true, // the source's "made SLA" wins over 6 h > 4 h
  }),
  makeItem({
    id: 'r7',
    outcome: 'resolved',
    openedAt: T0 + DAY,
    resolvedAt: T0 + DAY + 7 * HOUR,
    reversedAt: AS_OF + 1,
  }),
  makeItem({
    id: 'r8',
    workflow: 'hr',
    outcome: 'resolved',
    openedAt: T0 + 2 * DAY,
    resolvedAt: T0 + 2 * DAY + 8 * HOUR,
    disputedAt: T0 + 3 * DAY,
  }),
  makeItem({ id: 'e1', outcome: 'escalated', firstResponseAt: T0 + 1_800_000, csat: 2 }),
  makeItem({ id: 'f1', outcome: 'failed' }),
  makeItem({ id: 'a1', outcome: 'abandoned' }),
  makeItem({ id: 'o1', outcome: 'open', openedAt: T0 + 29 * DAY }),
  // Human items: h1 shares the agent's cohort, h2 does not. They change only coverage.
  makeItem({ id: 'h1', handledBy: 'human', outcome: 'resolved', resolvedAt: T0 + 100 * HOUR, csat: 1 }),
  makeItem({ id: 'h2', handledBy: 'human', category: 'network', outcome: 'failed' }),
];

function input(overrides: Partial<KpiInput> = {}): KpiInput {
  return {
    items: scenario,
    asOf: AS_OF,
    durabilityWindowMs: DURABILITY,
    reworkWindowMs: REWORK,
    slaHours,
    totalCostMicros: 12_345_678,
    seed: 42,
    ...overrides,
  };
}

function expectRate(kpi: KpiValue, successes: number, n: number): void {
  expect(kpi.value).toBeCloseTo(successes / n, 15);
  expect(kpi.n).toBe(n);
  expect(kpi.ci).toEqual(wilsonInterval(successes, n));
  expect(kpi.low_n).toBe(true); // every n here is under 30
}

describe('computeKpis on a hand-made period', () => {
  const kpis = computeKpis(input());

  it('lists every KPI name in API order', () => {
    expect(Object.keys(kpis)).toEqual([...KPI_NAMES]);
  });

  it('counts volume', () => {
    // agent-handled: r1..r8, e1, f1, a1, o1 = 12; handled = 12 − o1 = 11; provisional: r4
    expect(kpis.items_handled).toEqual({ value: 11, ci: null, n: 11, low_n: true });
    expect(kpis.items_open).toEqual({ value: 1, ci: null, n: 12, low_n: true });
    expect(kpis.n_provisional).toEqual({ value: 1, ci: null, n: 11, low_n: true });
  });

  it('derives coverage from the cohorts the agent handled', () => {
    // agent-a handled only (password, 3, portal): in scope are its 12 items and h1; h2 is not
    expectRate(kpis.coverage_rate, 12, 13);
  });

  it('computes latency percentiles and MTTR over agent-resolved items, in seconds', () => {
    // latencies r1..r8 = 1..8 h = 3600, 7200, …, 28800 s (r3 through closed_at; h1 is human)
    const latencies = [1, 2, 3, 4, 5, 6, 7, 8].map((h) => h * 3600);
    // p50: h = 7·0.5 = 3.5 → 4 h + 0.5·1 h = 4.5 h = 16200 s
    expect(kpis.latency_p50_s.value).toBeCloseTo(16200, 9);
    // p90: h = 7·0.9 = 6.3 → 7 h + 0.3·1 h = 7.3 h = 26280 s
    expect(kpis.latency_p90_s.value).toBeCloseTo(26280, 9);
    // p95: h = 7·0.95 = 6.65 → 7 h + 0.65·1 h = 7.65 h = 27540 s
    expect(kpis.latency_p95_s.value).toBeCloseTo(27540, 9);
    // mean of 1..8 h = 36/8 = 4.5 h = 16200 s
    expect(kpis.mttr_s.value).toBeCloseTo(16200, 9);
    for (const name of ['latency_p50_s', 'latency_p90_s', 'latency_p95_s', 'mttr_s'] as const) {
      expect(kpis[name].n).toBe(8);
      expect(kpis[name].low_n).toBe(true);
    }
    expect(kpis.latency_p90_s.ci).toEqual(bootstrapPercentileCi(latencies, 0.9, 42));
    expect(kpis.mttr_s.ci).toEqual(bootstrapMeanCi(latencies, 42));
    const [lo, hi] = kpis.mttr_s.ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThan(16200);
    expect(hi).toBeGreaterThan(16200);
  });

  it('takes the median first response over agent-handled items', () => {
    // r1 600 s, r2 1200 s, e1 1800 s → h = 2·0.5 = 1 → 1200 s
    expect(kpis.first_response_p50_s.value).toBe(1200);
    expect(kpis.first_response_p50_s.n).toBe(3);
    expect(kpis.first_response_p50_s.ci).toEqual(bootstrapPercentileCi([600, 1200, 1800], 0.5, 42));
  });

  it('computes the outcome rates', () => {
    // containment: 8 resolved ÷ 11 handled
    expectRate(kpis.containment_rate, 8, 11);
    // FCR: resolved minus r2 (reassigned) and r3 (reopened) = 6, ÷ 11 handled
    expectRate(kpis.fcr_rate, 6, 11);
    // durable: (durable 4 + verified 0) ÷ (11 handled − 1 provisional); r8 (disputed) stays below
    expectRate(kpis.durable_rate, 4, 10);
    // error: (failed f1 + reversed r3, r6 = 3) ÷ 10
    expectRate(kpis.error_rate, 3, 10);
    // escalation: e1 ÷ 11
    expectRate(kpis.escalation_rate, 1, 11);
    // reopen: r3 ÷ 8 resolved
    expectRate(kpis.reopen_rate, 1, 8);
  });

  it('judges SLA by the source first, else by the target', () => {
    // r1 1 h ≤ 4 h ✓; r2 slaMet false ✗; r3 3 h ✓; r4 4 h ≤ 4 h ✓ (boundary); r5 5 h ✗;
    // r6 slaMet true ✓; r7 7 h ✗; r8 'hr' has no target and no slaMet → left out: 4 ÷ 7
    expectRate(kpis.sla_adherence, 4, 7);
  });

  it('computes state-change, CSAT and rework', () => {
    // checked: r1 ✓, r2 ✗, r5 ✓, r6 ✓ → 3 ÷ 4
    expectRate(kpis.state_change_verified_rate, 3, 4);
    // csat over agent-handled: r1 5, r2 3, r4 4, e1 2 → 14/4 = 3.5 (h1's 1 is human)
    expect(kpis.csat_mean.value).toBe(3.5);
    expect(kpis.csat_mean.n).toBe(4);
    expect(kpis.csat_mean.ci).toEqual(bootstrapMeanCi([5, 3, 4, 2], 42));
    // response rate: resolved with csat r1, r2, r4 = 3 ÷ 8 resolved (e1 is not resolved)
    expectRate(kpis.csat_response_rate, 3, 8);
    // rework: r1 at exactly 14 d ✓, r3 at 13 d ✓, r4 at 14 d + 1 ms ✗ → 2 ÷ 8
    expectRate(kpis.rework_rate, 2, 8);
  });

  it('reports verified accuracy as waiting for reviews', () => {
    expect(kpis.verified_accuracy).toEqual({
      value: null,
      ci: null,
      n: 0,
      reason: 'no HITL reviews yet: verified accuracy needs sampled human reviews',
    });
  });

  it('computes cost in currency units and per verified outcome', () => {
    // 12,345,678 micro-units = 12.345678
    expect(kpis.total_cost).toEqual({ value: 12.345678, ci: null, n: 11, low_n: true });
    // verified outcomes = durable 4 + verified 0 → 12.345678 / 4 = 3.0864195
    expect(kpis.cost_per_output.value).toBeCloseTo(3.0864195, 12);
    expect(kpis.cost_per_output.n).toBe(4);
    expect(kpis.cost_per_output.low_n).toBe(true);
  });

  it('leaves the baseline comparisons uncomputed', () => {
    for (const name of [
      'cost_ratio',
      'labor_hours_displaced',
      'fte_displaced',
      'net_savings',
      'sla_penalty_avoided',
      'roi',
      'payback_months',
      'risk_adjusted_savings',
      'displacement_multiplier',
    ] as const) {
      expect(kpis[name]).toEqual({
        value: null,
        ci: null,
        n: 0,
        reason: 'needs a frozen baseline and a rate card',
      });
    }
  });

  it('is reproducible for a seed, and the seed moves only the intervals', () => {
    expect(computeKpis(input())).toEqual(kpis);
    const other = computeKpis(input({ seed: 7 }));
    expect(other.mttr_s.value).toBe(kpis.mttr_s.value);
    expect(other.mttr_s.ci).toEqual(
      bootstrapMeanCi(
        [1, 2, 3, 4, 5, 6, 7, 8].map((h) => h * 3600),
        7,
      ),
    );
    expect(other.mttr_s.ci).not.toEqual(kpis.mttr_s.ci);
  });
});
