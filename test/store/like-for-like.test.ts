import { expect, it } from 'vitest';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { getKpis } from '../../src/services/kpis/get-kpis.js';
import { getRoi } from '../../src/services/value/get-roi.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const B0 = Date.UTC(2026, 0, 5); // baseline window [B0, B0 + 30 d)
const P = Date.UTC(2026, 2, 2); // agent period [P, P + 7 d)
const NOW = Date.UTC(2026, 4, 1);

function ticket(id: string, fields: Partial<RawItem> & Pick<RawItem, 'opened_at' | 'handled_by'>): RawItem {
  return { source: 'desk', external_id: id, workflow: 'it', priority: 3, category: 'password', ...fields };
}

/**
 * Rate card: 60/h, overhead 0.15, handle hours 1 h; escalation overhead 10 min, 30 min for network.
 * Baseline (human): password ×4 resolved in 2, 2, 4, 8 h (MTTR 4 h); network ×2 in 10, 14 h (MTTR 12 h).
 * Agent in the period:
 *   W1–W3 password, resolved by the agent in 1 h each (durable by NOW)
 *   W4 password, escalated; a human resolved it 5 h after opening; the desk reports 6 hand-off minutes
 *   W5 network, escalated; a human resolved it 20 h after opening; no hand-off minutes reported
 *   W6 network, failed: nobody resolved it
 */
async function seed(ctx: Ctx): Promise<void> {
  await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '3': 24 } } } });
  await putRateCard({
    ctx,
    input: {
      id: 'default',
      body: {
        staff_hourly_rate: 60,
        handle_hours: { default: 1 },
        escalation_overhead_minutes: { default: 10, cohorts: [{ category: 'network', minutes: 30 }] },
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
  const opened = (i: number) => P + i * HOUR;
  await ingest(ctx, [
    human('H1', 1, 2),
    human('H2', 2, 2),
    human('H3', 3, 4),
    human('H4', 4, 8),
    human('N1', 5, 10, 'network'),
    human('N2', 6, 14, 'network'),
    ...[1, 2, 3].map((i) =>
      ticket(`W${i}`, { handled_by: 'bot', opened_at: iso(opened(i)), resolved_at: iso(opened(i) + HOUR) }),
    ),
    ticket('W4', {
      handled_by: 'bot',
      outcome: 'escalated',
      opened_at: iso(opened(4)),
      resolved_at: iso(opened(4) + 5 * HOUR),
      handoff_minutes: 6,
    }),
    ticket('W5', {
      handled_by: 'bot',
      category: 'network',
      outcome: 'escalated',
      opened_at: iso(opened(5)),
      resolved_at: iso(opened(5) + 20 * HOUR),
    }),
    ticket('W6', { handled_by: 'bot', category: 'network', outcome: 'failed', opened_at: iso(opened(6)) }),
  ]);
}

forEachEngine(
  'like for like: end-to-end times, oversight cost, the baseline beside each KPI',
  ({ store }) => {
    it('prices oversight from reported hand-off minutes, else the cohort overhead, and adds it to the cost', async () => {
      const ctx = await newTenant(store(), { now: NOW });
      await seed(ctx);
      const answer = await getKpis({ ctx, input: { filter: { from: P, to: P + 7 * DAY }, groupBy: [] } });
      const k = answer.groups[0]?.kpis;
      // W4 6 min (reported) + W5 30 min + W6 30 min (network overhead) = 66 min × 60/h = 66.00
      expect(k?.oversight_cost).toEqual({ value: 66, ci: null, n: 6, low_n: true });
      expect(k?.total_cost.value).toBe(66); // no other cost recorded
      // agent-only MTTR: W1–W3, 1 h each; end to end adds W4 (5 h) and W5 (20 h): (3 + 5 + 20) ÷ 5 = 5.6 h
      expect(k?.mttr_s.value).toBe(3600);
      expect(k?.e2e_mttr_s.value).toBeCloseTo(5.6 * 3600, 9);
      expect(k?.e2e_mttr_s.n).toBe(5);
      // sorted 1, 1, 1, 5, 20 h: p50 = 1 h; p90 at rank 0.9 × 4 = 3.6 → 5 + 0.6 × 15 = 14 h
      expect(k?.e2e_latency_p50_s.value).toBe(3600);
      expect(k?.e2e_latency_p90_s.value).toBeCloseTo(14 * 3600, 9);
    });

    it('answers the baseline beside each agent KPI, re-weighted to the agent mix with the weights named', async () => {
      const ctx = await newTenant(store(), { now: NOW });
      await seed(ctx);
      await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });
      const answer = await getKpis({ ctx, input: { filter: { from: P, to: P + 7 * DAY }, groupBy: [] } });
      const beside = answer.groups[0]?.baseline;
      expect(beside?.version).toBe(1);
      // handled: password 4 (W1–W4), network 2 (W5, W6): (4 × 4 h + 2 × 12 h) ÷ 6 = 6.667 h
      expect(beside?.kpis.e2e_mttr_s).toMatchObject({
        baseline_kpi: 'mttr_s',
        weights: 'handled_items',
        n: 6,
        cohorts: 2,
      });
      expect(beside?.kpis.e2e_mttr_s.value).toBeCloseTo((40 / 6) * 3600, 9);
      // verified outcomes only in password (W1–W3): its cost per item 1 h × 60 × 1.15 = 69
      expect(beside?.kpis.cost_per_output).toMatchObject({
        baseline_kpi: 'cost_per_item',
        weights: 'verified_outcomes',
        n: 3,
      });
      expect(beside?.kpis.cost_per_output.value).toBeCloseTo(69, 9);
      // the agent-only MTTR has no baseline beside it: the team's MTTR is end to end
      expect(Object.keys(beside?.kpis ?? {})).not.toContain('mttr_s');

      // the ROI statement tests resolution time end to end, stratified by cohort, and says it corrected
      const roi = await getRoi({ ctx, input: { filter: { from: P, to: P + 7 * DAY } } });
      const time = roi.significance.find((s) => s.kpi === 'e2e_mttr_s');
      expect(time).toMatchObject({
        test: 'van Elteren (Mann-Whitney within cohorts)',
        n_agent: 5,
        n_baseline: 6,
        verdict: 'no significant difference', // fewer than 30 a side: never more than the data supports
      });
      expect(time?.baseline).toBeCloseTo((40 / 6) * 3600, 9);
      expect(roi.multiple_comparisons).toMatch(/Holm–Bonferroni over \d+ tests/);
      // every cost component side by side, adding up to the total
      expect(roi.costs).toMatchObject({ oversight: 66, unallocated: 0, inference: 0 });
      expect(Object.values(roi.costs).reduce((a, b) => a + b, 0)).toBeCloseTo(
        roi.value.total_cost.value ?? 0,
        9,
      );
    });
  },
);
