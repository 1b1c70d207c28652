import { describe, expect, it } from 'vitest';
import { compareToBaseline, isComparableKpi, rateEvidence } from '../../../src/domain/value/significance.js';

/** R's airquality Ozone of May and August (NAs dropped): W = 127.5, p = 0.0001208 (R documentation). */
const may = [
  41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45, 115, 37,
];
const august = [
  39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76, 118, 84, 85,
];

describe('compareToBaseline', () => {
  it('calls a significantly higher rate better or worse by the KPI’s direction', () => {
    // 45/60 vs 30/60: z = 2√2, p = 0.0046777 < 0.05, the agent is higher
    const containment = compareToBaseline(
      'containment_rate',
      { successes: 45, n: 60 },
      { successes: 30, n: 60 },
    );
    expect(containment).toMatchObject({
      verdict: 'better',
      test: 'two-proportion z-test',
      n_agent: 60,
      n_baseline: 60,
    });
    expect(containment.p).toBeCloseTo(0.004677734981047266, 12);
    expect(
      compareToBaseline('escalation_rate', { successes: 45, n: 60 }, { successes: 30, n: 60 }).verdict,
    ).toBe('worse');
    expect(
      compareToBaseline('escalation_rate', { successes: 30, n: 60 }, { successes: 45, n: 60 }).verdict,
    ).toBe('better');
    // R's prop.test example, 94/214 vs 39/128: p = 0.0135; a higher reopen rate is worse
    const reopen = compareToBaseline('reopen_rate', { successes: 94, n: 214 }, { successes: 39, n: 128 });
    expect(reopen.verdict).toBe('worse');
    expect(reopen.p).toBeCloseTo(0.0135, 4);
  });

  it('says no significant difference when the test does not reject', () => {
    // 33/60 vs 30/60: pooled 0.525, SE = √(0.249375/30) = 0.0911730, z = 0.05/0.0911730 = 0.5484, p = 0.583
    const result = compareToBaseline('fcr_rate', { successes: 33, n: 60 }, { successes: 30, n: 60 });
    expect(result.verdict).toBe('no significant difference');
    expect(result.p).toBeCloseTo(0.5834, 3);
  });

  it('never says more than the data supports: under 30 on a side is untested', () => {
    // 20/29 vs 5/30 would reject at any level, but 29 < 30
    const result = compareToBaseline('containment_rate', { successes: 20, n: 29 }, { successes: 5, n: 30 });
    expect(result).toEqual({
      verdict: 'no significant difference',
      test: 'two-proportion z-test',
      p: null,
      n_agent: 29,
      n_baseline: 30,
      reason: 'insufficient data: each side needs at least 30 items',
    });
    expect(compareToBaseline('mttr_s', may.slice(0, 10), august).p).toBeNull();
  });

  it('compares latencies and CSAT by Mann-Whitney in their own directions', () => {
    // Each month twice (52 values a side, over the 30 a verdict needs); the agent's values are May's (lower):
    // lower latency is better, lower CSAT is worse
    const agent = [...may, ...may];
    const base = [...august, ...august];
    const latency = compareToBaseline('latency_p90_s', agent, base);
    expect(latency).toMatchObject({ verdict: 'better', test: 'Mann-Whitney U', n_agent: 52, n_baseline: 52 });
    expect(latency.p).toBeLessThan(0.0001208); // the same shift on twice the data
    expect(compareToBaseline('mttr_s', base, agent).verdict).toBe('worse');
    expect(compareToBaseline('csat_mean', agent, base).verdict).toBe('worse');
    // the 26 + 26 values of R's example reject at p = 0.0001208, but 26 < 30: untested
    expect(compareToBaseline('mttr_s', may, august).verdict).toBe('no significant difference');
  });

  it('refuses evidence of the wrong kind', () => {
    expect(() => compareToBaseline('mttr_s', { successes: 1, n: 40 }, { successes: 1, n: 40 })).toThrow(
      /samples/,
    );
    expect(() => compareToBaseline('fcr_rate', may, { successes: 1, n: 40 })).toThrow(/successes and n/);
  });
});

describe('rateEvidence and isComparableKpi', () => {
  it('recovers successes from a rate KPI', () => {
    expect(rateEvidence({ value: 0.75, ci: [0.6, 0.8], n: 60 })).toEqual({ successes: 45, n: 60 });
    expect(rateEvidence({ value: 1 / 3, ci: null, n: 3 })).toEqual({ successes: 1, n: 3 });
    expect(rateEvidence({ value: null, ci: null, n: 0, reason: 'no handled items' })).toBeNull();
  });

  it('knows which KPIs it judges', () => {
    expect(isComparableKpi('mttr_s')).toBe(true);
    expect(isComparableKpi('sla_breach_rate')).toBe(true);
    expect(isComparableKpi('roi')).toBe(false);
    expect(isComparableKpi('toString')).toBe(false);
  });
});
