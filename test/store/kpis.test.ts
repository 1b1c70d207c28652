import { expect, it } from 'vitest';
import { KPI_NAMES } from '../../src/domain/kpis/kpi-value.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, iso, newTenant } from '../helpers/ledger.js';
import { kpiQuery, NOW, PERIOD, seed, shown, T } from './kpi-dataset.js';

forEachEngine('KPIs over stored items', ({ store }) => {
  it('computes the period total by hand arithmetic', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const answer = await kpiQuery(ctx);
    expect(answer).toMatchObject({
      from: iso(PERIOD.from),
      to: iso(PERIOD.to),
      filters: {},
      currency: 'USD',
    });
    expect(answer.groups).toHaveLength(1);
    const kpis = answer.groups[0]?.kpis;
    expect(shown(kpis)).toEqual({
      // handled: A1 A3 A4 B1 B2 (not B3: open; not H1: human; not R1: opened after the period)
      items_handled: [5, 5],
      items_open: [1, 6], // B3 of the 6 agent-handled
      containment_rate: [3 / 5, 5], // resolved A1 A4 B1
      fcr_rate: [3 / 5, 5], // all three with 0 reassignments, 0 reopens
      escalation_rate: [1 / 5, 5], // A3
      mttr_s: [(7_200 + 18_000 + 14_400) / 3, 3], // 13 200
      latency_p50_s: [14_400, 3], // middle of 7 200, 14 400, 18 000
      sla_adherence: [2 / 3, 3], // A1 2 h ≤ 8, B1 4 h ≤ 8 met; A4 5 h > 4 missed
      rework_rate: [1 / 3, 3], // A1 (R1 caused_by, opened 4 d − 2 h after resolution ≤ 14 d)
      // a1's 30.00 licence over A1 A3 A4 + a2's 6.00 over B1 B2 B3 + 0.50 + 0.40 = 36.90; April is outside
      total_cost: [36.9, 5],
      cost_per_output: [36.9 / 2, 2], // 18.45: durable A4, B1 (A1 reversed by rework within 7 d)
      unallocated_cost: [0, 5], // both agents had items in the one period
    });
    // every rate carries its Wilson interval around the value; costs have none
    expect(kpis?.containment_rate.ci?.[0]).toBeLessThan(0.6);
    expect(kpis?.containment_rate.ci?.[1]).toBeGreaterThan(0.6);
    expect(kpis?.total_cost.ci).toBeNull();
    expect(kpis?.mttr_s.low_n).toBe(true); // 3 < 30 items
    // value KPIs that need a baseline answer null with a reason
    for (const name of KPI_NAMES.slice(KPI_NAMES.indexOf('cost_ratio'))) {
      expect(kpis?.[name]).toMatchObject({ value: null, reason: expect.stringMatching(/baseline/) });
    }
  });

  it('groups by agent, splitting the range cost by count', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const answer = await kpiQuery(ctx, {}, ['agent']);
    expect(answer.groups.map((g) => g.key)).toEqual([{ agent: 'a1' }, { agent: 'a2' }]);
    expect(shown(answer.groups[0]?.kpis)).toEqual({
      items_handled: [3, 3], // A1 A3 A4
      items_open: [0, 3],
      containment_rate: [2 / 3, 3],
      fcr_rate: [2 / 3, 3],
      escalation_rate: [1 / 3, 3],
      mttr_s: [(7_200 + 18_000) / 2, 2], // 12 600
      latency_p50_s: [7_200 + 0.5 * (18_000 - 7_200), 2], // 12 600, interpolated
      sla_adherence: [1 / 2, 2],
      rework_rate: [1 / 2, 2],
      total_cost: [30, 3], // the whole licence: the period is the query's window, and a1 worked in it
      cost_per_output: [30 / 1, 1], // A4 is a1's only durable outcome
      unallocated_cost: [0, 3],
    });
    expect(shown(answer.groups[1]?.kpis)).toEqual({
      items_handled: [2, 2], // B1 B2
      items_open: [1, 3], // B3
      containment_rate: [1 / 2, 2],
      fcr_rate: [1 / 2, 2],
      escalation_rate: [0, 2],
      mttr_s: [14_400, 1],
      latency_p50_s: [14_400, 1],
      sla_adherence: [1, 1],
      rework_rate: [0, 1],
      total_cost: [6.9, 2], // 6.00 ÷ 3 items × 3 (B3 is open but carries its share) + 0.50 + 0.40
      cost_per_output: [6.9 / 1, 1],
      unallocated_cost: [0, 2],
    });
  });

  it('groups by category and by day', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const byCategory = await kpiQuery(ctx, {}, ['category']);
    expect(byCategory.groups.map((g) => g.key)).toEqual([{ category: 'network' }, { category: 'password' }]);
    expect(shown(byCategory.groups[0]?.kpis)).toMatchObject({
      items_handled: [2, 2], // A3 A4
      containment_rate: [1 / 2, 2],
      escalation_rate: [1 / 2, 2],
      mttr_s: [18_000, 1],
      sla_adherence: [0, 1],
      total_cost: [10 + 10, 2], // A3 A4: a third of a1's 30.00 each
      cost_per_output: [20 / 1, 1],
    });
    expect(shown(byCategory.groups[1]?.kpis)).toMatchObject({
      items_handled: [3, 3], // A1 B1 B2
      containment_rate: [2 / 3, 3],
      escalation_rate: [0, 3],
      mttr_s: [(7_200 + 14_400) / 2, 2], // 10 800
      latency_p50_s: [10_800, 2],
      sla_adherence: [1, 2],
      rework_rate: [1 / 2, 2],
      total_cost: [16.9, 3], // A1 10 + B1 2.50 + B2 2.40 + B3 2.00
      cost_per_output: [16.9 / 1, 1], // B1 only; A1 reversed
    });

    const byDay = await kpiQuery(ctx, {}, ['day']);
    expect(byDay.groups.map((g) => g.key)).toEqual([
      { day: '2025-03-01' },
      { day: '2025-03-02' },
      { day: '2025-03-03' },
    ]);
    expect(
      byDay.groups.map((g) => [
        g.kpis.items_handled.value,
        g.kpis.total_cost.value,
        g.kpis.unallocated_cost.value,
      ]),
    ).toEqual([
      [1, 10, 0], // A1
      [2, 5 + 5, 0], // A3 A4
      // B1 B2 (B3 open): 6.90, plus a1's 10.00 of 03-03, a day a1 had no items → unallocated
      [2, 6.9 + 10, 10],
    ]);
    // conserved: the days add up to the whole period's 36.90
    expect(byDay.groups.reduce((sum, g) => sum + (g.kpis.total_cost.value ?? 0), 0)).toBeCloseTo(36.9, 9);
    // 03-01's only agent outcome (A1) was reversed: no verified outcome to divide by
    expect(byDay.groups[0]?.kpis.cost_per_output).toMatchObject({
      value: null,
      reason: expect.stringMatching(/no verified outcomes/),
    });

    const byAgentDay = await kpiQuery(ctx, {}, ['agent', 'day']);
    expect(
      byAgentDay.groups.map((g) => [g.key, g.kpis.items_handled.value, g.kpis.unallocated_cost.value]),
    ).toEqual([
      [{ agent: 'a1', day: '2025-03-01' }, 1, 0],
      [{ agent: 'a1', day: '2025-03-02' }, 2, 0],
      // a1 had no items on 03-03: the day still carries its 10.00 of the licence, as its own group
      [{ agent: 'a1', day: '2025-03-03' }, 0, 10],
      [{ agent: 'a2', day: '2025-03-03' }, 2, 0],
    ]);
  });

  it('applies filters, and allocates a range cost over its whole range whatever the filter', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const a2 = await kpiQuery(ctx, { agent: ['a2'] });
    expect(a2.filters).toEqual({ agent: ['a2'] });
    expect(shown(a2.groups[0]?.kpis)).toMatchObject({ items_handled: [2, 2], total_cost: [6.9, 2] });

    const networkP1 = await kpiQuery(ctx, { category: ['network'], priority: [1] });
    expect(networkP1.filters).toEqual({ category: ['network'], priority: [1] });
    // A3 A4, 10.00 each: the period's 30.00 is still split over all three of a1's items in it
    expect(shown(networkP1.groups[0]?.kpis)).toMatchObject({ items_handled: [2, 2], total_cost: [20, 2] });

    // only 03-02: A3 A4 again, the day's 10.00 of the licence
    const oneDay = await kpiQuery(ctx, { from: T + DAY, to: T + 2 * DAY });
    expect(shown(oneDay.groups[0]?.kpis)).toMatchObject({ items_handled: [2, 2], total_cost: [10, 2] });

    // a filter nothing matches: one empty group, counts 0 and rates null with a reason
    const none = await kpiQuery(ctx, { workflow: ['no-such-workflow'] });
    expect(none.groups).toHaveLength(1);
    expect(none.groups[0]?.kpis.items_handled.value).toBe(0);
    expect(none.groups[0]?.kpis.containment_rate).toMatchObject({ value: null, reason: 'no handled items' });
  });
});
