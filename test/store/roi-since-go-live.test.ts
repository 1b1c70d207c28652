import { expect, it } from 'vitest';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { putAgent, putWorkflow } from '../../src/services/config/configure.js';
import { putDeployment } from '../../src/services/config/deployments.js';
import { getKpis } from '../../src/services/kpis/get-kpis.js';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { getRoi } from '../../src/services/value/get-roi.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const B0 = Date.UTC(2025, 10, 1); // baseline window: November 2025
const GO_LIVE = Date.UTC(2026, 0, 1);
const APRIL = Date.UTC(2026, 3, 1);
const MAY = Date.UTC(2026, 4, 1);
const NOW = Date.UTC(2026, 6, 1); // every window closed

/**
 * The ROI statement reads the months since go-live once, for its projection, and merges them for its
 * cumulative ROI and payback. An independent path gives both: GET /v1/kpis' payback of the same period
 * (its own read of the value since go-live as one window), and the net savings ÷ total cost of that
 * whole window read as one period. Agent items in January, March and April, none in February; a
 * licence over four months (February's share has no items of its own month) and a one-time
 * integration, so every way a cost is shared across months is in play.
 */
forEachEngine('ROI since go-live, from the months it reads once', ({ store }) => {
  it('equals the value since go-live read as one window', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '3': 8 } } } });
    await putRateCard({
      ctx,
      input: { id: 'default', body: { staff_hourly_rate: 60, handle_hours: { default: 0.5 } } },
    });
    await putAgent({ ctx, input: { id: 'a1', body: { name: 'Agent 1' } } });
    await putDeployment({
      ctx,
      input: { agentId: 'a1', workflow: 'it', body: { go_live_at: iso(GO_LIVE) } },
    });
    const item = (id: string, opened: number, handledBy: string): RawItem => ({
      source: 'itsm',
      external_id: id,
      workflow: 'it',
      category: 'password',
      priority: 3,
      opened_at: iso(opened),
      resolved_at: iso(opened + HOUR),
      handled_by: handledBy,
    });
    const agentDays = [
      GO_LIVE + 3 * DAY,
      GO_LIVE + 20 * DAY,
      Date.UTC(2026, 2, 10),
      APRIL + 2 * DAY,
      APRIL + 9 * DAY,
    ];
    await ingest(ctx, [
      ...[1, 2, 3, 4].map((d) => item(`H${d}`, B0 + d * DAY, 'human')),
      ...agentDays.map((at, i) => item(`A${i}`, at, 'a1')),
    ]);
    const costs = await ingestCostRecords(ctx, [
      ...agentDays.map((_, i) => ({
        agent_id: 'a1',
        item: { source: 'itsm', external_id: `A${i}` },
        kind: 'inference' as const,
        amount: '2.50',
        starts_at: iso(agentDays[i] ?? 0),
      })),
      { agent_id: 'a1', kind: 'licensing', amount: '120.00', starts_at: iso(GO_LIVE), ends_at: iso(MAY) },
      { agent_id: 'a1', kind: 'integration', amount: '600.00', starts_at: iso(GO_LIVE) },
    ]);
    expect(costs.errors).toEqual([]);
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 30 * DAY } });

    const roi = await getRoi({ ctx, input: { filter: { from: APRIL, to: MAY } } });
    const period = (await getKpis({ ctx, input: { filter: { from: APRIL, to: MAY }, groupBy: [] } }))
      .groups[0];
    const whole = (await getKpis({ ctx, input: { filter: { from: GO_LIVE, to: MAY }, groupBy: [] } }))
      .groups[0];
    expect(roi.since_go_live).toBe(iso(GO_LIVE));
    // payback, computed by GET /v1/kpis from its own reading of [go-live, May) as one window
    expect(period?.kpis.payback_months.value).not.toBeNull();
    expect(roi.value.payback_months.value).toBeCloseTo(period?.kpis.payback_months.value ?? Number.NaN, 9);
    // cumulative ROI = net savings ÷ total cost since go-live, both of the one-window read
    const net = whole?.kpis.net_savings.value ?? Number.NaN;
    const cost = whole?.kpis.total_cost.value ?? Number.NaN;
    expect(cost).toBeGreaterThan(120); // the licence, the inference and the integration's share all count
    expect(roi.roi_cumulative?.value).toBeCloseTo(net / cost, 9);
    // the projection's months add up to the same cost
    expect(roi.projection).not.toBeNull();

    // By hand (KPIS.md, Value): since go-live [Jan 1, May 1) = 120 days, five durable resolutions at
    // 0.5 h × 60/h (no contractors) = 150 of labor value; AI cost = inference 5 × 2.50 = 12.50 + the
    // licence 120.00 (wholly inside) + the integration amortised by day over 12 months,
    // 600 ÷ 365 × 120 = 197.260274 → 329.760274; net savings = 150 − 329.760274 = −179.760274.
    const sinceCost = 12.5 + 120 + (600 / 365) * 120;
    const sinceNet = 150 - sinceCost;
    expect(cost).toBeCloseTo(sinceCost, 5);
    expect(net).toBeCloseTo(sinceNet, 5);
    // cumulative ROI = Σ net ÷ Σ cost = −0.545124
    expect(roi.roi_cumulative?.value).toBeCloseTo(sinceNet / sinceCost, 5);
    // payback = one-time ÷ monthly net before amortisation
    //         = 600 ÷ ((−179.760274 + 197.260274) ÷ (120 ÷ 30.4375)) = 600 ÷ 4.438802 = 135.17 months
    expect(roi.value.payback_months.value).toBeCloseTo(
      600 / ((sinceNet + (600 / 365) * 120) / (120 / 30.4375)),
      3,
    );
  });
});
