import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../../src/domain/value/benchmarks.js';
import { monthsBetween } from '../../../src/domain/value/months.js';
import { projectRoi, type MonthlyValue } from '../../../src/domain/value/projection.js';
import { DAY, T0 } from '../kpis/item-factory.js';

const M = 1_000_000;
const month = (net: number, cost: number): MonthlyValue => ({
  netSavingsMicros: net * M,
  totalCostMicros: cost * M,
});

describe('projectRoi', () => {
  it('extends the least-squares lines past the observed months', () => {
    // net 10, 20, 30 → line 10·t; cost 10 flat.
    // year one: Σ₁¹² 10t = 10 · 78 = 780, cost 12 · 10 = 120 → 6.5
    // year three: Σ₁³⁶ 10t = 10 · 666 = 6660, cost 360 → 18.5
    const projection = projectRoi([month(10, 10), month(20, 10), month(30, 10)]);
    expect(projection.trend?.net_savings.slope).toBeCloseTo(10 * M, 6);
    expect(projection.trend?.net_savings.intercept).toBeCloseTo(0, 6);
    expect(projection.year_one_roi).toEqual({ value: expect.closeTo(6.5, 12), ci: null, n: 3 });
    expect(projection.year_three_roi.value).toBeCloseTo(18.5, 12);
    expect(projection.observed_months).toBe(3);
  });

  it('never projects a cost below zero', () => {
    // cost 30, 20, 10 → line 40 − 10t: month 4 is 0 and later months would be negative → 0
    // year one cost = 60; net 6 flat → 72; ROI = 72 / 60 = 1.2
    const projection = projectRoi([month(6, 30), month(6, 20), month(6, 10)]);
    expect(projection.year_one_roi.value).toBeCloseTo(1.2, 12);
  });

  it('uses observed months as observed, and needs no trend for a horizon they cover', () => {
    // 12 months of net 1 and cost 2: year one = 12 / 24 = 0.5 exactly, whatever month 13 says
    const year = Array.from({ length: 12 }, () => month(1, 2));
    expect(projectRoi([...year, month(100, 1)]).year_one_roi.value).toBe(0.5);
  });

  it('gives no projection from fewer than 3 months', () => {
    const projection = projectRoi([month(10, 10), month(20, 10)]);
    expect(projection.trend).toBeNull();
    expect(projection.year_three_roi).toEqual({
      value: null,
      ci: null,
      n: 2,
      reason: 'a projection needs at least 3 months since go-live',
    });
  });

  it('shows the benchmark bands beside the projection', () => {
    const projection = projectRoi([]);
    expect(projection.benchmarks.year_three_cumulative_roi).toEqual({
      low: 1.5,
      high: 3,
      text: '150–300% cumulative ROI by year three',
    });
    expect(projection.assumptions.length).toBeGreaterThan(0);
    expect(BENCHMARKS.accelerated_scaling_cost_ratio.high).toBe(0.4);
    expect(BENCHMARKS.year_one_efficiency_gain).toMatchObject({ low: 0.15, high: 0.3 });
    expect(BENCHMARKS.tier1_autonomous_resolution).toMatchObject({ low: 0.6, high: 0.8 });
    expect(BENCHMARKS.helpdesk_labor_cost_reduction).toMatchObject({ low: 0.4, high: 0.6 });
  });
});

describe('monthsBetween', () => {
  it('counts average months of 30.4375 days', () => {
    expect(monthsBetween(T0, T0 + 30.4375 * DAY)).toBe(1);
    expect(monthsBetween(T0, T0 + 365.25 * DAY)).toBeCloseTo(12, 12);
    expect(() => monthsBetween(T0, T0)).toThrow(/from < to/);
  });
});
