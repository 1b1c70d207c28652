import { describe, expect, it } from 'vitest';
import { reportKpi, type ReportKpi } from '../../src/domain/report/report-kpis.js';
import { compareWeeks } from '../../src/domain/report/week-over-week.js';
import { count, rate } from './kpi-set.js';

function kpi(name: Parameters<typeof reportKpi>[0]): ReportKpi {
  const found = reportKpi(name);
  if (!found) throw new Error(`${name} is not a report KPI`);
  return found;
}

describe('week-over-week significance', () => {
  it('60/100 against 40/100 is significant: z = 0.2 / √(0.5·0.5·(2/100)) = 2.828, p = 0.00468', () => {
    const change = compareWeeks(kpi('containment_rate'), rate(60, 100), rate(40, 100), null);
    expect(change.verdict).toBe('better');
    expect(change.test).toBe('two-proportion z-test');
    expect(change.p).toBeCloseTo(0.004678, 5);
    expect(change.delta).toBeCloseTo(0.2, 12);
    // The same rise of the error rate is worse: lower is better there.
    expect(compareWeeks(kpi('error_rate'), rate(60, 100), rate(40, 100), null).verdict).toBe('worse');
  });

  it('55/100 against 50/100 is not: z = 0.05 / √(0.525·0.475·0.02) = 0.708, p = 0.479', () => {
    const change = compareWeeks(kpi('containment_rate'), rate(55, 100), rate(50, 100), null);
    expect(change.verdict).toBe('no significant difference');
    expect(change.p).toBeCloseTo(0.4788, 3);
  });

  it('a week with fewer than 30 items is never significant, however large the change', () => {
    const change = compareWeeks(kpi('containment_rate'), rate(29, 29), rate(0, 100), null);
    expect(change).toMatchObject({ verdict: 'insufficient data', p: null });
  });

  it('costs and counts are shown with their difference and no verdict', () => {
    expect(compareWeeks(kpi('items_handled'), count(300), count(100), null)).toEqual({
      verdict: 'not tested',
      delta: 200,
      test: null,
      p: null,
    });
    const unavailable = { value: null, ci: null, n: 0, reason: 'needs a frozen baseline' };
    expect(compareWeeks(kpi('net_savings'), unavailable, unavailable, null).verdict).toBe('not tested');
  });

  it('resolution times: Mann-Whitney on the samples; all 35 faster than all 35 of last week gives U = 0', () => {
    const faster = Array.from({ length: 35 }, (_, i) => 60 + i);
    const slower = Array.from({ length: 35 }, (_, i) => 600 + i);
    const p50 = { value: 77, ci: null, n: 35 };
    const before = { value: 617, ci: null, n: 35 };
    const change = compareWeeks(kpi('latency_p50_s'), p50, before, { current: faster, previous: slower });
    expect(change.verdict).toBe('better');
    expect(change.test).toBe('Mann-Whitney U');
    // Exact test, no ties: P(U = 0) = 1 / C(70, 35); two-sided doubles it.
    expect(change.p).toBeLessThan(1e-15);
    const reversed = compareWeeks(kpi('latency_p50_s'), before, p50, { current: slower, previous: faster });
    expect(reversed.verdict).toBe('worse');
  });
});
