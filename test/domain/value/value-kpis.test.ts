import { describe, expect, it } from 'vitest';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';
import { computeValueKpis, type ValueKpiInput } from '../../../src/domain/value/value-kpis.js';
import { DAY, HOUR, makeItem } from '../kpis/item-factory.js';
import {
  agentResolved,
  AS_OF,
  baseline,
  DURABILITY,
  GO_LIVE,
  rateCard,
  REWORK,
  slaHours,
} from './value-scenario.js';

/**
 * Agent-a takes only the cheap cohort (it, password, 3), plus one item of (it, vpn, 3) the baseline lacks.
 *   a1–a7 resolved in 1 h (SLA met), a8 in 5 h (breach): durable
 *   a9 resolved in 1 h, then reversed: not verified, rework
 *   a10 escalated
 *   a11 resolved in 1 h, a follow-up opened 10 days later (after the 7-day window): durable and rework
 *   a12 vpn, resolved in 1 h, durable: left out of the savings (no baseline cohort)
 * Verified outcomes: a1–a8, a11 = 9 in password, a12 = 1 uncovered → 10 in all; handled 12, settled 12.
 * Agent-resolved: 11 (a1–a9, a11, a12); rework = a9 + a11 = 2, their handle hours 0.2 + 0.2 = 0.4.
 */
const agentItems: KpiItem[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((i) => agentResolved(`a${i}`, 1)),
  agentResolved('a8', 5),
  agentResolved('a9', 1, { reversedAt: GO_LIVE + 2 * DAY }),
  makeItem({ id: 'a10', openedAt: GO_LIVE, outcome: 'escalated' }),
  agentResolved('a11', 1, { reworkOpenedAt: GO_LIVE + HOUR + 10 * DAY }),
  agentResolved('a12', 1, { category: 'vpn' }),
];

const input: ValueKpiInput = {
  items: agentItems,
  asOf: AS_OF,
  durabilityWindowMs: DURABILITY,
  reworkWindowMs: REWORK,
  slaHours,
  baseline,
  rateCard,
  totalCostMicros: 30_000_000, // 30, of which 5.5 is the amortised integration (66 / 12)
  months: 1,
  oneTimeCostMicros: 66_000_000,
  amortisedOneTimeCostMicros: 5_500_000,
};

describe('computeValueKpis, end to end (12 human items, 12 agent items)', () => {
  const result = computeValueKpis(input);

  it('re-weights to the agent’s mix: only the cheap cohort, so the cheap cohort’s cost', () => {
    // weights: password 9/9 = 1, network 0 → weighted baseline cost = 10.35 (not the average 56.925)
    expect(result.cohorts).toEqual([
      {
        key: { workflow: 'it', category: 'password', priority: 3 },
        verified_outcomes: 9,
        weight: 1,
        baseline_cost_per_item: 10.35,
        handle_hours: 0.2,
        labor_hours_displaced: 9 * 0.2,
      },
    ]);
    expect(result.amounts.weighted_baseline_cost_per_item_micros).toBe(10_350_000);
    // cost per output = 30 / 10 verified outcomes = 3; cost ratio = 3 / 10.35 = 0.2898551
    expect(result.kpis.cost_ratio).toEqual({ value: 3 / 10.35, ci: null, n: 9, low_n: true });
    expect(result.kpis.cost_ratio.value).not.toBeCloseTo(3 / 56.925, 3);
  });

  it('computes labor, FTE, net savings, ROI and the displacement multiplier by hand', () => {
    // labor hours = 9 · 0.2 = 1.8; FTE = 1.8 / (140 · 1 month) = 0.0128571
    // labor value = 1.8 · 45 = 81; rework = 0.4 h · 45 = 18; net = 81 − 30 − 18 = 33
    // ROI = 33 / 30 = 1.1; displacement = 81 / 30 = 2.7
    const k = result.kpis;
    expect(k.labor_hours_displaced.value).toBeCloseTo(1.8, 12);
    expect(k.fte_displaced.value).toBeCloseTo(1.8 / 140, 12);
    expect(result.amounts).toMatchObject({
      loaded_hourly_rate_micros: 45_000_000,
      labor_value_micros: 81_000_000,
      rework_cost_micros: 18_000_000,
      net_savings_micros: 33_000_000,
    });
    expect(k.net_savings).toEqual({ value: 33, ci: null, n: 9, low_n: true });
    expect(k.roi.value).toBeCloseTo(1.1, 12);
    expect(k.displacement_multiplier.value).toBeCloseTo(2.7, 12);
  });

  it('computes the SLA penalty avoided against the mix-weighted breach rate', () => {
    // judged agent-resolved in password: a1–a9, a11 = 10, breached: a8 (5 h > 4 h) = 1
    // expected at the baseline's 1/3: 10/3 = 3.3333; avoided = (3.3333 − 1) · 50 = 116.666667
    // (= (1/3 − 1/10) · 10 resolved · 50, KPIS.md's form)
    expect(result.kpis.sla_penalty_avoided).toEqual({ value: 116.666667, ci: null, n: 10, low_n: true });
  });

  it('computes payback before amortisation', () => {
    // monthly savings before amortisation = (33 + 5.5) / 1 = 38.5; payback = 66 / 38.5 = 1.7142857 months
    expect(result.kpis.payback_months.value).toBeCloseTo(66 / 38.5, 12);
  });

  it('computes risk-adjusted savings with the durable-rate proxy and the upper rework bound', () => {
    // No reviews: durable rate 10/12 = 0.8333, Wilson lower bound:
    //   centre = (0.8333333 + 3.8414588/24) / (1 + 3.8414588/12) = 0.9933941 / 1.3201216 = 0.7524999
    //   half = 1.959964/1.3201216 · √(0.8333·0.1667/12 + 3.8414588/576) = 1.4846804 · 0.1350678 = 0.2005308
    //   lower = 0.5519691; factor = 0.5519691 / 0.8333333 = 0.6623630; labor = 81 · 0.6623630 = 53.651400
    // Rework rate 2/11, Wilson upper bound 0.4769806: 0.4769806 · 11 − 2 = 3.2467862 more items at the
    //   mean resolved cost (10 · 0.2 + 1 · 1 h) / 11 · 45 = 12.2727273 → 18 + 39.846921 = 57.846921
    // risk-adjusted = 53.651400 − 30 − 57.846921 = −34.195521
    const [lower] = wilsonInterval(10, 12) ?? [Number.NaN];
    expect(lower).toBeCloseTo(0.5519691, 7);
    expect(result.accuracy).toEqual({
      source: 'durable_rate',
      lowerBound: lower,
      factor: lower / (10 / 12),
      n: 12,
    });
    expect(result.amounts.risk_adjusted_savings_micros).toBe(53_651_400 - 30_000_000 - 57_846_921);
    expect(result.kpis.risk_adjusted_savings).toEqual({ value: -34.195521, ci: null, n: 12, low_n: true });
  });

  it('leaves the cohort the baseline lacks out, and says so', () => {
    expect(result.left_out_verified_outcomes).toBe(1);
    expect(result.notes).toEqual([
      '1 verified outcomes in cohorts the baseline lacks are left out (workflow=it, category=vpn, priority=3)',
      'no HITL reviews: risk-adjusted savings use the lower Wilson bound of the durable rate',
    ]);
  });

  it('uses the lower bound of verified accuracy when reviews exist, and since-go-live totals', () => {
    const reviewed = computeValueKpis({
      ...input,
      verifiedAccuracy: { value: 0.9, ci: [0.8, 0.96], n: 50 },
      sinceGoLive: {
        netSavingsMicros: 99_000_000,
        totalCostMicros: 90_000_000,
        months: 3,
        amortisedOneTimeCostMicros: 16_500_000,
      },
    });
    // labor 81 · 0.8 = 64.8; 64.8 − 30 − 57.846921 = −23.046921
    expect(reviewed.kpis.risk_adjusted_savings).toEqual({ value: -23.046921, ci: null, n: 50 });
    // cumulative ROI = 99 / 90 = 1.1; payback from since go-live: (99 + 16.5) / 3 = 38.5 → 66 / 38.5
    expect(reviewed.roi_cumulative.value).toBeCloseTo(1.1, 12);
    expect(reviewed.kpis.payback_months.value).toBeCloseTo(66 / 38.5, 12);
    expect(reviewed.notes).toHaveLength(1);
  });

  it('weights a mixed agent by its own mix', () => {
    // 3 verified password + 1 verified network: weights 0.75 / 0.25
    // weighted cost = 0.75 · 10.35 + 0.25 · 103.5 = 7.7625 + 25.875 = 33.6375
    // labor hours = 3 · 0.2 + 1 · 2 = 2.6; cost per output = 8 / 4 = 2 → ratio = 2 / 33.6375
    const mixed = computeValueKpis({
      ...input,
      items: [
        agentResolved('b1', 1),
        agentResolved('b2', 1),
        agentResolved('b3', 1),
        agentResolved('b4', 1, { category: 'network' }),
      ],
      totalCostMicros: 8_000_000,
      amortisedOneTimeCostMicros: 0,
    });
    expect(mixed.cohorts.map((c) => c.weight)).toEqual([0.25, 0.75]);
    expect(mixed.amounts.weighted_baseline_cost_per_item_micros).toBeCloseTo(33_637_500, 6);
    expect(mixed.kpis.cost_ratio.value).toBeCloseTo(2 / 33.6375, 12);
    expect(mixed.kpis.labor_hours_displaced.value).toBeCloseTo(2.6, 12);
    // SLA: 4 judged, 0 breached; expected = 3 · 1/3 + 1 · 2/3 = 5/3 → (5/3) · 50 = 83.333333
    expect(mixed.kpis.sla_penalty_avoided.value).toBe(83.333333);
  });
});

describe('computeValueKpis, verification states', () => {
  it('credits only durable outcomes: provisional and disputed items displace nothing', () => {
    // d1, d2 durable; p1 resolved a day before asOf (provisional); x1 disputed → verified 2
    // settled = handled 4 − provisional 1 = 3; labor hours = 2 · 0.2 = 0.4
    const result = computeValueKpis({
      ...input,
      items: [
        agentResolved('d1', 1),
        agentResolved('d2', 1),
        agentResolved('p1', 1, { resolvedAt: AS_OF - DAY }),
        agentResolved('x1', 1, { disputedAt: GO_LIVE + DAY }),
      ],
      amortisedOneTimeCostMicros: 0,
    });
    expect(result.cohorts[0]?.verified_outcomes).toBe(2);
    expect(result.accuracy.n).toBe(3);
    expect(result.kpis.labor_hours_displaced.value).toBeCloseTo(0.4, 12);
  });
});

describe('computeValueKpis, when it cannot compare', () => {
  it('is null with a reason when none of the agent’s cohorts is in the baseline', () => {
    const result = computeValueKpis({ ...input, items: [agentResolved('v', 1, { category: 'vpn' })] });
    expect(result.kpis.net_savings).toEqual({
      value: null,
      ci: null,
      n: 0,
      reason: "none of the agent's 1 handled items is in a cohort the baseline has",
    });
    expect(computeValueKpis({ ...input, items: [] }).kpis.roi.reason).toBe(
      'no handled agent items in the period',
    );
  });

  it('has no cost ratio before any verified outcome and no ROI without cost', () => {
    const provisional = agentResolved('p', 1, { resolvedAt: AS_OF - DAY });
    const result = computeValueKpis({
      ...input,
      items: [provisional],
      totalCostMicros: 0,
      amortisedOneTimeCostMicros: 0,
    });
    expect(result.kpis.cost_ratio.reason).toMatch(/^no verified outcomes yet/);
    expect(result.kpis.roi.reason).toBe('no AI cost recorded for the period');
    expect(result.kpis.displacement_multiplier.value).toBeNull();
    // nothing displaced, nothing spent: 0 savings, and 0 monthly savings never pay back
    expect(result.kpis.labor_hours_displaced.value).toBe(0);
    expect(result.kpis.net_savings.value).toBe(0);
    expect(result.kpis.payback_months.reason).toMatch(/not positive/);
    expect(result.roi_cumulative.reason).toBe('no since-go-live totals given');
  });

  it('rejects amounts that are not micro-units and empty periods', () => {
    expect(() => computeValueKpis({ ...input, totalCostMicros: 1.5 })).toThrow(/totalCostMicros/);
    expect(() => computeValueKpis({ ...input, months: 0 })).toThrow(/months/);
    expect(() => computeValueKpis({ ...input, amortisedOneTimeCostMicros: 31_000_000 })).toThrow(
      /cannot exceed/,
    );
  });
});
