import { describe, expect, it } from 'vitest';
import { Baseline } from '../../../src/domain/baseline/baseline.js';
import { computeBaseline, type BaselineInput } from '../../../src/domain/baseline/compute-baseline.js';
import { RateCard } from '../../../src/domain/baseline/rate-card.js';
import type { KpiItem } from '../../../src/domain/kpi-item.js';
import { bootstrapMeanCi, bootstrapPercentileCi } from '../../../src/domain/stats/bootstrap.js';
import { wilsonInterval } from '../../../src/domain/stats/wilson.js';
import { DAY, HOUR, makeItem, T0 } from '../kpis/item-factory.js';

const SEED = 42;
/** 'it' has a 4 h target, 8 h at priority 1. */
const slaHours = (workflow: string | null, priority: number | null): number | null =>
  workflow === 'it' ? (priority === 1 ? 8 : 4) : null;
/** Loaded rate 40; password takes 0.25 h, anything else 0.5 h; overhead 0.15. */
const rateCard = RateCard.parse({
  staff_hourly_rate: 40,
  handle_hours: { default: 0.5, cohorts: [{ category: 'password', hours: 0.25 }] },
});

const human = (overrides: Partial<KpiItem> & Pick<KpiItem, 'id'>): KpiItem =>
  makeItem({ handledBy: 'human', ...overrides });
const resolvedIn = (hours: number, overrides: Partial<KpiItem> & Pick<KpiItem, 'id'>): KpiItem =>
  human({ outcome: 'resolved', resolvedAt: T0 + hours * HOUR, ...overrides });

/**
 * Cohort (it, password, 3): h1 1 h clean; h2 3 h reassigned once; h3 5 h reopened (breach: > 4 h);
 * h4 open; h5 abandoned. Cohort (it, network, 1): h6 2 h but the source says breached; h7 6 h (≤ 8 h).
 * Left out: an agent item and a human item opened before the window.
 */
const items: KpiItem[] = [
  resolvedIn(1, { id: 'h1' }),
  resolvedIn(3, { id: 'h2', reassignmentCount: 1 }),
  human({ id: 'h3', outcome: 'resolved', closedAt: T0 + 5 * HOUR, reopenCount: 1 }),
  human({ id: 'h4' }),
  human({ id: 'h5', outcome: 'abandoned', closedAt: T0 + HOUR }),
  resolvedIn(2, { id: 'h6', category: 'network', priority: 1, slaMet: false }),
  resolvedIn(6, { id: 'h7', category: 'network', priority: 1 }),
  makeItem({ id: 'agent', outcome: 'resolved', resolvedAt: T0 + HOUR }),
  resolvedIn(1, { id: 'early', openedAt: T0 - DAY }),
];

const input: BaselineInput = { items, from: T0, to: T0 + 20 * DAY, slaHours, rateCard, seed: SEED };

describe('computeBaseline', () => {
  const baseline = computeBaseline(input);

  it('keys cohorts by workflow × category × priority, in key order', () => {
    expect(baseline.cohort_by).toEqual(['workflow', 'category', 'priority']);
    expect(baseline.cohorts.map((c) => c.key)).toEqual([
      { workflow: 'it', category: 'network', priority: 1 },
      { workflow: 'it', category: 'password', priority: 3 },
    ]);
  });

  it('computes the human-side KPIs of a cohort by hand', () => {
    const password = baseline.cohorts[1]?.kpis;
    // handled = h1 h2 h3 h5 (h4 is open) = 4; resolved = h1 h2 h3; latencies 3600, 10800, 18000 s
    // p50 = 10800; p90: h = 2 · 0.9 = 1.8 → 10800 + 0.8 · 7200 = 16560; p95: 1.9 → 10800 + 0.9 · 7200 = 17280
    const latencies = [3600, 10800, 18000];
    expect(password).toEqual({
      items_handled: { value: 4, ci: null, n: 4, low_n: true },
      latency_p50_s: { value: 10800, ci: bootstrapPercentileCi(latencies, 0.5, SEED), n: 3, low_n: true },
      latency_p90_s: { value: 16560, ci: bootstrapPercentileCi(latencies, 0.9, SEED), n: 3, low_n: true },
      latency_p95_s: { value: 17280, ci: bootstrapPercentileCi(latencies, 0.95, SEED), n: 3, low_n: true },
      mttr_s: { value: 10800, ci: bootstrapMeanCi(latencies, SEED), n: 3, low_n: true },
      // FCR: h1 only (h2 reassigned, h3 reopened) ÷ 4 handled
      fcr_rate: { value: 0.25, ci: wilsonInterval(1, 4), n: 4, low_n: true },
      // escalation: reassignment_count > 0 (h2) ÷ 4 handled
      escalation_rate: { value: 0.25, ci: wilsonInterval(1, 4), n: 4, low_n: true },
      // reopen: h3 ÷ 3 resolved
      reopen_rate: { value: 1 / 3, ci: wilsonInterval(1, 3), n: 3, low_n: true },
      // SLA 4 h: h1 (1 h) and h2 (3 h) met, h3 (5 h) breached
      sla_adherence: { value: 2 / 3, ci: wilsonInterval(2, 3), n: 3, low_n: true },
      sla_breach_rate: { value: 1 / 3, ci: wilsonInterval(1, 3), n: 3, low_n: true },
      // 0.25 h · 40 · 1.15 = 11.5, over all 5 items of the cohort (the open one too)
      cost_per_item: { value: 11.5, ci: null, n: 5, low_n: true },
      handle_hours: { value: 0.25, ci: null, n: 5, low_n: true },
    });
  });

  it("lets the source's SLA verdict win and uses the priority's target", () => {
    const network = baseline.cohorts[0]?.kpis;
    // h6: 2 h but slaMet = false → breach; h7: 6 h ≤ 8 h (priority 1) → met
    expect(network?.sla_breach_rate).toEqual({ value: 0.5, ci: wilsonInterval(1, 2), n: 2, low_n: true });
    // 0.5 h · 40 · 1.15 = 23
    expect(network?.cost_per_item.value).toBe(23);
  });

  it('totals every human item of the window', () => {
    // handled 6 (h1 h2 h3 h5 h6 h7), resolved 5; FCR h1 h6 h7 = 3 of 6
    // cost per item = (5 · 11.5 + 2 · 23) / 7 = 103.5 / 7 = 14.7857142… → 14_785_714 micros
    // handle hours = (5 · 0.25 + 2 · 0.5) / 7 = 2.25 / 7
    expect(baseline.totals.items_handled.value).toBe(6);
    expect(baseline.totals.fcr_rate).toEqual({ value: 0.5, ci: wilsonInterval(3, 6), n: 6, low_n: true });
    expect(baseline.totals.mttr_s.value).toBeCloseTo(((1 + 3 + 5 + 2 + 6) * 3600) / 5, 9);
    expect(baseline.totals.cost_per_item).toEqual({ value: 14.785714, ci: null, n: 7, low_n: true });
    expect(baseline.totals.handle_hours.value).toBeCloseTo(2.25 / 7, 12);
  });

  it('warns of a short window, left-out items and small cohorts', () => {
    expect(baseline.warnings).toEqual([
      'the window is 20 days, under the 30 days a baseline needs',
      '2 items were left out: not human-handled or not opened in the window',
      'cohort workflow=it, category=network, priority=1 has 2 handled items, under 30',
      'cohort workflow=it, category=password, priority=3 has 4 handled items, under 30',
    ]);
  });

  it('warns of a window over 60 days, not of one inside 30–60', () => {
    const humanOnly = items.filter((item) => item.handledBy === 'human' && item.openedAt >= T0);
    const long = computeBaseline({ ...input, items: humanOnly, to: T0 + 61 * DAY });
    expect(long.warnings[0]).toMatch(/^the window is 61 days, over the 60 days/);
    const fine = computeBaseline({ ...input, items: humanOnly, to: T0 + 45 * DAY });
    expect(fine.warnings.some((w) => w.startsWith('the window'))).toBe(false);
  });

  it('groups by the fields asked for, averaging differing handle hours', () => {
    const byWorkflow = computeBaseline({ ...input, cohortBy: ['workflow'] });
    expect(byWorkflow.cohorts).toHaveLength(1);
    expect(byWorkflow.cohorts[0]?.key).toEqual({ workflow: 'it' });
    expect(byWorkflow.cohorts[0]?.kpis).toEqual(byWorkflow.totals);
  });

  it('answers a shape the Baseline schema reads back unchanged', () => {
    expect(Baseline.parse(JSON.parse(JSON.stringify(baseline)))).toEqual(baseline);
  });

  it('is empty with a warning when the window has no human items', () => {
    const empty = computeBaseline({ ...input, items: [], to: T0 + 30 * DAY });
    expect(empty.cohorts).toEqual([]);
    expect(empty.totals.cost_per_item).toEqual({ value: null, ci: null, n: 0, reason: 'no items' });
    expect(empty.warnings).toEqual(['no human-handled items in the window']);
  });

  it('rejects a reversed window and repeated cohort fields', () => {
    expect(() => computeBaseline({ ...input, to: T0 })).toThrow(/before/);
    expect(() => computeBaseline({ ...input, cohortBy: ['workflow', 'workflow'] })).toThrow(/distinct/);
    expect(() => computeBaseline({ ...input, cohortBy: [] })).toThrow(/distinct/);
  });
});
