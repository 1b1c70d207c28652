import { describe, expect, it } from 'vitest';
import { computeBaseline } from '../../../src/domain/baseline/compute-baseline.js';
import { rankNextUseCases } from '../../../src/domain/value/next-use-case.js';
import { DAY, T0 } from '../kpis/item-factory.js';
import { agentResolved, baseline, humanItems, rateCard, slaHours } from './value-scenario.js';

// The baseline window is 30 days = 30 / 30.4375 months, so 6 items a window are 6 · 30.4375 / 30 = 6.0875 a month.
const MONTHLY = 6.0875;

describe('rankNextUseCases', () => {
  it('ranks cohorts no agent handles by volume × baseline cost × automation rate', () => {
    // network: 6.0875 · 103.5 · 0.6 = 378.03375; password: 6.0875 · 10.35 · 0.6 = 37.803375
    const ranking = rankNextUseCases({ baseline, agentItems: [] });
    expect(ranking.automation_rate).toBe(0.6);
    expect(ranking.automation_rate_source).toBe('benchmark low end');
    expect(ranking.candidates).toEqual([
      {
        workflow: 'it',
        category: 'network',
        monthly_volume: expect.closeTo(MONTHLY, 12),
        baseline_cost_per_item: 103.5,
        projected_monthly_value: 378.03375,
      },
      {
        workflow: 'it',
        category: 'password',
        monthly_volume: expect.closeTo(MONTHLY, 12),
        baseline_cost_per_item: 10.35,
        projected_monthly_value: 37.803375,
      },
    ]);
  });

  it('leaves out what an agent already handles (human items do not count)', () => {
    const ranking = rankNextUseCases({
      baseline,
      agentItems: [agentResolved('a', 1), ...humanItems],
      agentContainmentRates: [0.5, 0.7],
    });
    // mean containment (0.5 + 0.7) / 2 = 0.6; only network is left
    expect(ranking.automation_rate_source).toBe('mean agent containment');
    expect(ranking.candidates.map((c) => c.category)).toEqual(['network']);
  });

  it('sums finer cohorts into workflow × category', () => {
    // network items n1–n3 at priority 1 and n4–n6 at priority 3: two baseline cohorts, one candidate
    const split = computeBaseline({
      items: humanItems.map((item, i) => (i >= 6 && i < 9 ? { ...item, priority: 1 } : item)),
      from: T0,
      to: T0 + 30 * DAY,
      slaHours,
      rateCard,
      seed: 1,
    });
    expect(split.cohorts).toHaveLength(3);
    const ranking = rankNextUseCases({ baseline: split, agentItems: [], automationRate: 0.8 });
    // 6.0875 · 103.5 · 0.8 = 504.045
    expect(ranking.automation_rate_source).toBe('parameter');
    expect(ranking.candidates[0]).toMatchObject({ category: 'network', projected_monthly_value: 504.045 });
    expect(ranking.candidates[0]?.monthly_volume).toBeCloseTo(MONTHLY, 12);
  });

  it('rejects a rate outside [0, 1]', () => {
    expect(() => rankNextUseCases({ baseline, agentItems: [], automationRate: 1.5 })).toThrow(
      /automationRate/,
    );
    expect(() => rankNextUseCases({ baseline, agentItems: [], agentContainmentRates: [-0.1] })).toThrow(
      /containment/,
    );
  });
});
