import { expect, it } from 'vitest';
import { freezeBaseline, listBaselines, showBaseline } from '../../src/services/value/baselines.js';
import { putAgent, putWorkflow } from '../../src/services/config/configure.js';
import { putDeployment } from '../../src/services/config/deployments.js';
import { getKpis, PAYBACK_NOT_COMPARED } from '../../src/services/kpis/get-kpis.js';
import { getRoi } from '../../src/services/value/get-roi.js';
import { getNextUseCases } from '../../src/services/value/next-use-cases.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import type { Ctx } from '../../src/services/context.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const B0 = Date.UTC(2025, 0, 1); // baseline window [B0, B0 + 30 d)
const P = Date.UTC(2025, 2, 1); // agent period [P, P + 10 d)
const NOW = Date.UTC(2025, 5, 1); // every durability window has closed

function ticket(id: string, fields: Partial<RawItem> & Pick<RawItem, 'opened_at' | 'handled_by'>): RawItem {
  return { source: 'itsm', external_id: id, workflow: 'it', priority: 3, category: 'password', ...fields };
}

/**
 * Baseline (human): password p3 ×4 — two resolved in 2 h (SLA 8 h met), two in 10 h (breached):
 * breach rate 2/4 = 0.5; network p3 ×2 resolved in 4 h.
 * Rate card: 50/h staff only, overhead 0.2, penalty 10 a breach; handle hours password 0.5, network 2.
 * Baseline cost per item: password 0.5 × 50 × 1.2 = 30; network 2 × 50 × 1.2 = 120.
 * Agent a1 in the period: 4 password p3 resolved in 1 h (durable), 1 escalated; inference 1.00 on each.
 * The escalated A5 reports no hand-off minutes, so oversight is the rate card's default 10 min at
 * 50/h = 8.333333 (KPIS.md, Human oversight).
 */
async function seed(ctx: Ctx): Promise<void> {
  await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '3': 8 } } } });
  await putRateCard({
    ctx,
    input: {
      id: 'default',
      body: {
        staff_hourly_rate: 50,
        management_overhead: 0.2,
        sla_penalty_per_breach: 10,
        handle_hours: {
          default: 1,
          cohorts: [
            { category: 'password', hours: 0.5 },
            { category: 'network', hours: 2 },
          ],
        },
      },
    },
  });
  const human = (id: string, day: number, hours: number, category = 'password') =>
    ticket(id, {
      category,
      handled_by: 'human',
      opened_at: iso(B0 + day * DAY),
      resolved_at: iso(B0 + day * DAY + hours * HOUR),
    });
  const agent = (id: string, day: number, fields: Partial<RawItem> = {}) =>
    ticket(id, {
      handled_by: 'a1',
      opened_at: iso(P + day * DAY),
      resolved_at: iso(P + day * DAY + HOUR),
      ...fields,
    });
  await ingest(ctx, [
    human('H1', 1, 2),
    human('H2', 2, 2),
    human('H3', 3, 10),
    human('H4', 4, 10),
    human('N1', 5, 4, 'network'),
    human('N2', 6, 4, 'network'),
    agent('A1', 1),
    agent('A2', 2),
    agent('A3', 3),
    agent('A4', 4),
    agent('A5', 5, { outcome: 'escalated', resolved_at: null }),
  ]);
  const costs = ['A1', 'A2', 'A3', 'A4', 'A5'].map((id, i) => ({
    agent_id: 'a1',
    item: { source: 'itsm', external_id: id },
    kind: 'inference' as const,
    amount: '1.00',
    starts_at: iso(P + (i + 1) * DAY),
  }));
  const result = await ingestCostRecords(ctx, costs);
  expect(result.errors).toEqual([]);
}

forEachEngine('frozen baseline and value KPIs', ({ store }) => {
  it('freezes an immutable, versioned baseline with the human KPIs per cohort', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const frozen = await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    expect(frozen.version).toBe(1);
    const password = frozen.cohorts.find((c) => c.key.category === 'password');
    expect(password?.kpis.items_handled.value).toBe(4);
    expect(password?.kpis.sla_breach_rate.value).toBe(0.5); // 2 of 4 over 8 h
    expect(password?.kpis.mttr_s.value).toBe(((2 + 2 + 10 + 10) / 4) * 3600); // 6 h
    expect(password?.kpis.cost_per_item.value).toBeCloseTo(30, 9); // 0.5 h × 50 × 1.2
    expect(frozen.cohorts.find((c) => c.key.category === 'network')?.kpis.cost_per_item.value).toBeCloseTo(
      120,
      9,
    );
    expect(frozen.warnings).toContain(
      'cohort workflow=it, category=password, priority=3 has 4 handled items, under 30',
    );
    // a second freeze is a new version; the first is unchanged and still readable
    const again = await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    expect(again.version).toBe(2);
    expect((await showBaseline({ ctx, input: { version: 1 } })).hash).toBe(frozen.hash);
    expect((await listBaselines(ctx)).map((b) => b.version)).toEqual([1, 2]);
  });

  it('detects a frozen baseline edited in the database', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    await ctx.store.db
      .updateTable('baselines')
      .set({ body: '{"tampered":true}' })
      .where('tenant_id', '=', ctx.tenantId)
      .execute();
    await expect(showBaseline({ ctx, input: {} })).rejects.toThrow(/does not match its hash/);
  });

  it('computes every value KPI against the cohort the agent works in', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const before = await getKpis({ ctx, input: { filter: { from: P, to: P + 10 * DAY }, groupBy: [] } });
    expect(before.groups[0]?.kpis.net_savings).toMatchObject({
      value: null,
      reason: 'needs a frozen baseline and a rate card',
    });
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    const answer = await getKpis({ ctx, input: { filter: { from: P, to: P + 10 * DAY }, groupBy: [] } });
    const k = answer.groups[0]?.kpis;
    expect(answer.baseline_version).toBe(1);
    // 4 verified (durable) outcomes of 5 handled; cost 5 × 1.00 inference + A5's oversight
    // 10 min × 50/h = 8.333333 → 13.333333
    const cost = 5 + 8.333333;
    expect(k?.oversight_cost.value).toBe(8.333333);
    expect(k?.total_cost.value).toBeCloseTo(cost, 9);
    expect(k?.cost_per_output.value).toBeCloseTo(cost / 4, 9); // 3.333333
    // all four in the password cohort (cost 30), not the average with network (120)
    expect(k?.cost_ratio.value).toBeCloseTo(cost / 4 / 30, 12);
    expect(k?.labor_hours_displaced.value).toBe(2); // 4 × 0.5 h
    // months = 10 d ÷ 30.4375 d; FTE = 2 ÷ (140 × months) = 0.0434827
    expect(k?.fte_displaced.value).toBeCloseTo(2 / (140 * (10 / 30.4375)), 12);
    expect(k?.net_savings.value).toBeCloseTo(100 - cost, 9); // 2 h × 50 − 13.333333 − 0 rework = 86.666667
    expect(k?.roi.value).toBeCloseTo((100 - cost) / cost, 9); // 6.5
    expect(k?.displacement_multiplier.value).toBeCloseTo(100 / cost, 9); // 7.5
    // expected breaches at the baseline rate 4 × 0.5 = 2, the agent breached 0: 2 × 10 = 20
    expect(k?.sla_penalty_avoided.value).toBe(20);
    expect(k?.payback_months.value).toBe(0); // no one-time cost recorded
    expect(k?.risk_adjusted_savings.value).toBeLessThan(100 - cost);
  });

  it('writes the ROI statement and ranks what to automate next', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    const roi = await getRoi({ ctx, input: { filter: { from: P, to: P + 10 * DAY } } });
    expect(roi.value.net_savings.value).toBeCloseTo(100 - 5 - 8.333333, 9); // as above: 86.666667
    expect(roi.baseline?.version).toBe(1);
    // n < 30 on each side: never more than the data supports
    expect(roi.significance.every((s) => s.verdict === 'no significant difference')).toBe(true);
    expect(roi.difference_in_differences.reason).toMatch(/concurrent control group has 0 items/);
    // network (2 items in a 30-day window) is not automated: 2 ÷ (30 ÷ 30.4375) a month × 120 × 0.5
    const next = await getNextUseCases({ ctx, input: { automationRate: 0.5 } });
    expect(next.candidates.map((c) => c.category)).toEqual(['network']);
    expect(next.candidates[0]?.projected_monthly_value).toBeCloseTo((2 / (30 / 30.4375)) * 120 * 0.5, 9);
  });

  it('counts cumulative ROI and payback since go-live, with the integration cost amortised by day', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    await putAgent({ ctx, input: { id: 'a1', body: { name: 'Agent 1' } } });
    await putDeployment({ ctx, input: { agentId: 'a1', workflow: 'it', body: { go_live_at: iso(P) } } });
    // 1,200.00 integration at go-live, amortised over 12 months: [2025-03-01, 2026-03-01) = 365 days,
    // 1200 ÷ 365 = 3.287671 a day; each queried period's share is split over a1's items opened in it.
    const integration = await ingestCostRecords(ctx, [
      { agent_id: 'a1', kind: 'integration', amount: '1200.00', starts_at: iso(P) },
    ]);
    expect(integration.errors).toEqual([]);
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
    const day = 1200 / 365;
    const oversight = 8.333333; // A5 escalated: 10 min × 50/h
    const answer = await getKpis({
      ctx,
      input: { filter: { from: P + 3 * DAY, to: P + 10 * DAY }, groupBy: [] },
    });
    const k = answer.groups[0]?.kpis;
    // period [P + 3 d, P + 10 d): A3, A4 verified (1 h × 50 = 50 labor value); cost: 3 × 1.00 inference,
    // the 7 days' integration share 7 × 3.287671 = 23.013699 (split over A3 A4 A5), A5's oversight
    const periodCost = 3 + 7 * day + oversight; // 34.347032
    expect(k?.total_cost.value).toBeCloseTo(periodCost, 5);
    expect(k?.net_savings.value).toBeCloseTo(50 - periodCost, 5); // 15.652968
    expect(k?.roi.value).toBeCloseTo((50 - periodCost) / periodCost, 5);
    // since go-live [P, P + 10 d): 4 verified × 0.5 h × 50 = 100; cost 5 × 1.00 + 10 × 3.287671 + 8.333333
    const sinceCost = 5 + 10 * day + oversight; // 46.210046
    const sinceNet = 100 - sinceCost; // 53.789954
    // payback = one-time ÷ monthly net before amortisation = 1200 ÷ ((53.789954 + 32.876712) ÷ (10 ÷ 30.4375))
    expect(k?.payback_months.value).toBeCloseTo(1200 / ((sinceNet + 10 * day) / (10 / 30.4375)), 4); // 4.54904
    const roi = await getRoi({ ctx, input: { filter: { from: P + 3 * DAY, to: P + 10 * DAY } } });
    expect(roi.since_go_live).toBe(iso(P));
    expect(roi.roi_cumulative?.value).toBeCloseTo(sinceNet / sinceCost, 5); // 1.16403

    // Compared at equal maturity (an hour after the period's end, nothing settled yet), the earlier
    // period is read as of an hour after its own end: payback since go-live is left out of the
    // comparison and says why, while the period's own payback stands.
    const early = await getKpis({
      ctx,
      input: {
        filter: { from: P + 5 * DAY, to: P + 10 * DAY },
        groupBy: [],
        asOf: P + 10 * DAY + HOUR,
        compare: 'previous',
      },
    });
    expect(early.comparison?.basis).toBe('equal_maturity');
    expect(early.comparison?.previous.as_of).toBe(iso(P + 5 * DAY + HOUR));
    const payback = early.comparison?.groups[0]?.kpis.payback_months;
    expect(payback?.previous).toEqual({ value: null, ci: null, n: 0, reason: PAYBACK_NOT_COMPARED });
    expect(payback).toMatchObject({ verdict: 'not tested', delta: null });
    // settled periods compare payback as they stand (the answer above, as of NOW)
    const settled = await getKpis({
      ctx,
      input: { filter: { from: P + 5 * DAY, to: P + 10 * DAY }, groupBy: [], compare: 'previous' },
    });
    expect(settled.comparison?.basis).toBe('settled');
    expect(settled.comparison?.groups[0]?.kpis.payback_months.previous.value).not.toBeNull();
  });
});
