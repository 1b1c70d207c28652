import { describe, expect, it } from 'vitest';
import { buildWeeklyReportModel } from '../../src/domain/report/build-weekly-report.js';
import { isoWeekWindow } from '../../src/domain/report/iso-week.js';
import { DEFAULT_REPORT_THRESHOLDS } from '../../src/domain/report/report-thresholds.js';
import type { WeekKpis, WeeklyReportInput } from '../../src/domain/report/weekly-report-model.js';
import type { KpiName, KpiValue } from '../../src/domain/kpis/kpi-value.js';
import { count, kpiSet, rate } from './kpi-set.js';

// Monday 30 November 06:00: week 47 (16–23 November) settled at 23 November + 7 days, on 30 November 00:00
const NOW = Date.UTC(2026, 10, 30, 6);
const WINDOW_MS = 7 * 86_400_000;

function week(name: string, asOf: number, overall: Partial<Record<KpiName, KpiValue>>): WeekKpis {
  return {
    ...isoWeekWindow(name, 'UTC'),
    asOf,
    overall: kpiSet(overall),
    agents: [{ agent: 'bot', kpis: kpiSet(overall) }],
    latencies: { overall: [], byAgent: new Map() },
  };
}

const NO_VALUE: KpiValue = { value: null, ci: null, n: 0, reason: 'needs a frozen baseline and a rate card' };
const VALUE_KPIS = [
  'net_savings',
  'roi',
  'cost_ratio',
  'cost_per_output',
  'total_cost',
  'labor_hours_displaced',
  'fte_displaced',
] as const;

function input(overrides: Partial<WeeklyReportInput> = {}): WeeklyReportInput {
  const common = { items_handled: count(200), n_provisional: count(20, 200), error_rate: rate(10, 180) };
  return {
    tenant: { id: 't', name: 'Acme', timeZone: 'UTC', currency: 'EUR' },
    current: week('2026-W47', NOW, {
      ...common,
      containment_rate: rate(160, 200),
      sla_adherence: rate(142, 150),
      ...Object.fromEntries(VALUE_KPIS.map((k) => [k, NO_VALUE])),
    }),
    previous: week('2026-W46', NOW, { ...common, containment_rate: rate(120, 200) }),
    daily: [],
    reversals: [
      { reason: 'reopened', handledBy: 'bot', count: 3 },
      { reason: 'reassigned', handledBy: 'human', count: 1 },
    ],
    baseline: null,
    thresholds: DEFAULT_REPORT_THRESHOLDS,
    generatedAt: NOW,
    durabilityWindowMs: WINDOW_MS,
    basis: 'settled',
    ...overrides,
  };
}

describe('the weekly report model', () => {
  it('lists headline KPIs value first, then velocity, quality and volume', () => {
    const groups = buildWeeklyReportModel(input()).headline.map((f) => f.group);
    expect([...new Set(groups)]).toEqual(['value', 'velocity', 'quality', 'volume']);
  });

  it('puts only the significant changes in better / worse, for all agents and per agent', () => {
    const report = buildWeeklyReportModel(input());
    // 80% against 60% of 200: z = 4.36, p < 0.001.
    expect(report.better.map((c) => [c.scope, c.kpi])).toEqual([
      ['all agents', 'containment_rate'],
      ['bot', 'containment_rate'],
    ]);
    expect(report.worse).toEqual([]);
    const error = report.headline.find((f) => f.kpi === 'error_rate');
    expect(error?.change.verdict).toBe('no significant difference');
  });

  it('names the open risks: no baseline, missing value KPIs, SLA misses and reversals', () => {
    const risks = buildWeeklyReportModel(input()).risks;
    expect(risks.map((r) => r.kind)).toEqual(['no_baseline', 'value_unavailable', 'reversals', 'sla_misses']);
    // 142 of 150 within SLA: 8 missed; 94.7%, interval 89.8%–97.3% reaches the 95% target: low severity.
    expect(risks.find((r) => r.kind === 'sla_misses')).toMatchObject({
      severity: 'low',
      message: '8 resolved items missed the SLA (adherence 94.7%, target 95.0%).',
    });
    expect(risks.find((r) => r.kind === 'reversals')?.message).toMatch(
      /^4 agent resolutions were reversed during the week \(reopened 3, reassigned 1\)/,
    );
    expect(risks.find((r) => r.kind === 'value_unavailable')?.message).toBe(
      'Net savings, ROI, Cost ratio vs baseline, Cost per verified outcome, Total AI cost, Labor hours displaced, ' +
        'FTE displaced: unavailable (needs a frozen baseline and a rate card).',
    );
  });

  it('flags KPIs on fewer than 30 items as insufficient data, never as a number', () => {
    const report = buildWeeklyReportModel(
      input({ current: week('2026-W47', NOW, { items_handled: count(12), error_rate: rate(3, 12) }) }),
    );
    expect(report.headline.find((f) => f.kpi === 'error_rate')?.shown).toBe('insufficient data');
    expect(report.risks.filter((r) => r.kind === 'insufficient_data').map((r) => r.subject)).toEqual([
      'all agents',
      'bot',
    ]);
  });

  it('draws no rate on fewer than 30 items in the daily trend', () => {
    const daily = [
      {
        day: '2026-11-16',
        to: Date.UTC(2026, 10, 17),
        kpis: kpiSet({ items_handled: count(40), containment_rate: rate(30, 40), error_rate: rate(4, 40) }),
      },
      {
        day: '2026-11-17',
        to: Date.UTC(2026, 10, 18),
        kpis: kpiSet({ items_handled: count(12), containment_rate: rate(9, 12), error_rate: rate(1, 12) }),
      },
    ];
    expect(buildWeeklyReportModel(input({ daily })).daily).toEqual([
      { day: '2026-11-16', provisional: false, items_handled: 40, containment_rate: 0.75, error_rate: 0.1 },
      { day: '2026-11-17', provisional: false, items_handled: 12, containment_rate: null, error_rate: null },
    ]);
  });

  it('refuses a previous week that does not end before the reported one', () => {
    expect(() => buildWeeklyReportModel(input({ previous: week('2026-W47', NOW, {}) }))).toThrow(
      /previous week must end before/,
    );
  });

  it('reports a week that has not settled as provisional: no recommendation, no verdict on its level', () => {
    // as of Monday 23 November 06:00 week 47 ended six hours ago: it settles on 30 November
    const early = Date.UTC(2026, 10, 23, 6);
    const inflated = { items_handled: count(200), n_provisional: count(150, 200), error_rate: rate(20, 50) };
    const report = buildWeeklyReportModel(
      input({
        current: week('2026-W47', early, inflated),
        previous: week('2026-W46', early - 7 * 86_400_000, inflated),
        generatedAt: early,
        basis: 'equal_maturity',
      }),
    );
    expect(report.provisional).toBe(true);
    expect(report.settles_at).toBe('2026-11-30T00:00:00.000Z');
    expect(report.comparison_basis).toBe('equal_maturity');
    // 20 of 50 settled is a 40% error rate (95% CI 27.6%–53.8%), wholly above the 10% limit: on a
    // settled week that would restrict the agent; provisional, it recommends nothing and raises no limit risk
    expect(report.agents.map((a) => a.action)).toEqual(['none']);
    expect(report.agents[0]?.reasons[0]).toMatch(/^provisional week: no recommendation until .*2026-11-30/);
    expect(report.risks.map((r) => r.kind)).not.toContain('error_rate_above_limit');
    expect(report.risks.find((r) => r.kind === 'provisional')).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(/figures move until 2026-11-30T00:00:00.000Z/),
    });
    expect(report.method.some((m) => m.startsWith('PROVISIONAL: the week settles on 2026-11-30'))).toBe(true);
    // the same figures on a settled week restrict the agent
    const settled = buildWeeklyReportModel(
      input({ current: week('2026-W47', NOW, inflated), previous: week('2026-W46', NOW, inflated) }),
    );
    expect(settled.provisional).toBe(false);
    expect(settled.agents.map((a) => a.action)).toEqual(['restrict']);
  });

  it('corrects each statement for multiple comparisons with Holm–Bonferroni', () => {
    // containment 80% vs 60% (z = 4.36, p = 0.000013) and SLA adherence 142/150 vs 130/150: p ≈ 0.0122;
    // 3 tests in the headline family (containment, SLA, error rate) → Holm: SLA's p × 2 = 0.0245 < 0.05
    const report = buildWeeklyReportModel(
      input({
        previous: week('2026-W46', NOW, {
          items_handled: count(200),
          n_provisional: count(20, 200),
          error_rate: rate(10, 180),
          containment_rate: rate(120, 200),
          sla_adherence: rate(130, 150),
        }),
      }),
    );
    const figure = (kpi: KpiName) => report.headline.find((f) => f.kpi === kpi)?.change;
    const sla = figure('sla_adherence');
    expect(sla?.p).toBeGreaterThan(0.005);
    expect(sla?.p_adjusted).toBeCloseTo(Math.min(1, 2 * (sla?.p ?? 1)), 12);
    const containment = figure('containment_rate');
    expect(containment?.p_adjusted).toBeCloseTo(3 * (containment?.p ?? 1), 12);
    // the error rate did not change (10/180 both weeks): p = 1, adjusted stays 1
    expect(figure('error_rate')?.p_adjusted).toBe(1);
    expect(report.method.some((m) => /Holm–Bonferroni/.test(m))).toBe(true);
  });
});
