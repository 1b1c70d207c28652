import { describe, expect, it } from 'vitest';
import { buildWeeklyReportModel } from '../../src/domain/report/build-weekly-report.js';
import { isoWeekWindow } from '../../src/domain/report/iso-week.js';
import { DEFAULT_REPORT_THRESHOLDS } from '../../src/domain/report/report-thresholds.js';
import type { WeekKpis, WeeklyReportInput } from '../../src/domain/report/weekly-report-model.js';
import type { KpiName, KpiValue } from '../../src/domain/kpis/kpi-value.js';
import { count, kpiSet, rate } from './kpi-set.js';

const NOW = Date.UTC(2026, 10, 23, 6);

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
    previous: week('2026-W46', NOW - 7 * 86_400_000, { ...common, containment_rate: rate(120, 200) }),
    daily: [],
    reversals: [
      { reason: 'reopened', handledBy: 'bot', count: 3 },
      { reason: 'reassigned', handledBy: 'human', count: 1 },
    ],
    baseline: null,
    thresholds: DEFAULT_REPORT_THRESHOLDS,
    generatedAt: NOW,
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
        kpis: kpiSet({ items_handled: count(40), containment_rate: rate(30, 40), error_rate: rate(4, 40) }),
      },
      {
        day: '2026-11-17',
        kpis: kpiSet({ items_handled: count(12), containment_rate: rate(9, 12), error_rate: rate(1, 12) }),
      },
    ];
    expect(buildWeeklyReportModel(input({ daily })).daily).toEqual([
      { day: '2026-11-16', items_handled: 40, containment_rate: 0.75, error_rate: 0.1 },
      { day: '2026-11-17', items_handled: 12, containment_rate: null, error_rate: null },
    ]);
  });

  it('refuses a previous week that does not end before the reported one', () => {
    expect(() => buildWeeklyReportModel(input({ previous: week('2026-W47', NOW, {}) }))).toThrow(
      /previous week must end before/,
    );
  });
});
