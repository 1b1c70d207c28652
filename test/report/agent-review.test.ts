import { describe, expect, it } from 'vitest';
import { reviewAgent } from '../../src/domain/report/agent-review.js';
import { buildFigures } from '../../src/domain/report/report-figures.js';
import { AGENT_KPIS } from '../../src/domain/report/report-kpis.js';
import { DEFAULT_REPORT_THRESHOLDS } from '../../src/domain/report/report-thresholds.js';
import type { BaselineComparison } from '../../src/domain/report/weekly-report-model.js';
import type { KpiName, KpiValue } from '../../src/domain/kpis/kpi-value.js';
import { count, kpiSet, rate } from './kpi-set.js';

/** An agent's two weeks; the defaults are a steady agent with a 5% error rate. */
function review(
  now: Partial<Record<KpiName, KpiValue>>,
  before: Partial<Record<KpiName, KpiValue>> = {},
  baseline: BaselineComparison[] = [],
  thresholds = DEFAULT_REPORT_THRESHOLDS,
) {
  const steady = {
    items_handled: count(200),
    durable_rate: rate(120, 200),
    containment_rate: rate(150, 200),
    error_rate: rate(10, 200),
  };
  const figures = buildFigures(
    AGENT_KPIS,
    kpiSet({ ...steady, ...now }),
    kpiSet({ ...steady, ...before }),
    null,
    baseline,
  );
  return reviewAgent(figures, thresholds);
}

describe('expand / restrict / hold', () => {
  it('restricts when the error rate rose significantly (5% → 15% of 200: z = 3.32, p = 0.0009)', () => {
    const result = review({ error_rate: rate(30, 200) });
    expect(result.action).toBe('restrict');
    expect(result.reasons[0]).toMatch(
      /^error rate rose from 5\.0% to 15\.0% \(two-proportion z-test, p < 0\.001\)/,
    );
  });

  it('restricts when the whole interval lies above the limit, even without a change', () => {
    // 40/200 = 20%, Wilson interval 15.0%–26.1%: wholly above 10%.
    const result = review({ error_rate: rate(40, 200) }, { error_rate: rate(40, 200) });
    expect(result.action).toBe('restrict');
    expect(result.reasons).toEqual(['error rate 20.0% (95% CI 15.0%–26.1%) is above the 10.0% limit']);
  });

  it('expands when containment rose significantly (60% → 75% of 200: p = 0.0014) and errors are within the limit', () => {
    const result = review({ containment_rate: rate(150, 200) }, { containment_rate: rate(120, 200) });
    expect(result.action).toBe('expand');
    expect(result.reasons).toEqual([
      'containment rate rose from 60.0% to 75.0% (two-proportion z-test, p = 0.001)',
      'error rate 5.0% is within the 10.0% limit',
    ]);
  });

  it('expands when the durable rate is significantly better than the frozen baseline', () => {
    const better: BaselineComparison = {
      scope: 'a',
      kpi: 'durable_rate',
      verdict: 'better',
      test: 'two-proportion z-test',
      p: 0.0004,
      baseline: 0.45,
    };
    const result = review({}, {}, [better]);
    expect(result.action).toBe('expand');
    expect(result.reasons[0]).toBe(
      "durable auto-resolve rate 60.0% is better than the baseline's 45.0% (two-proportion z-test, p < 0.001)",
    );
  });

  it('holds a steady agent, and an agent with fewer than 30 items whatever its numbers', () => {
    expect(review({}).action).toBe('hold');
    const thin = review({ items_handled: count(12), error_rate: rate(12, 12) });
    expect(thin).toEqual({
      action: 'hold',
      reasons: ['insufficient data: 12 items handled (fewer than 30)'],
    });
  });

  it('holds when the error rate is above the limit but its interval reaches below it', () => {
    // 24/200 = 12%, Wilson interval 8.2%–17.3%.
    const result = review(
      { error_rate: rate(24, 200), containment_rate: rate(170, 200) },
      { error_rate: rate(24, 200) },
    );
    expect(result.action).toBe('hold');
    expect(result.reasons[0]).toBe('error rate 12.0% is above the 10.0% limit, but not significantly');
  });

  it('the limit is a parameter', () => {
    const strict = { ...DEFAULT_REPORT_THRESHOLDS, max_error_rate: 0.02 };
    // 5% of 200: Wilson 2.7%–9.0%, wholly above 2%.
    expect(review({}, {}, [], strict).action).toBe('restrict');
  });
});
