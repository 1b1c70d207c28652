import { describe, expect, it } from 'vitest';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import { putAgent, putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { putDeployment } from '../../src/services/config/deployments.js';
import { getKpis, getKpisJson, type KpiAnswer, type KpiQuery } from '../../src/services/kpis/get-kpis.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { rebuildRollups } from '../../src/services/rollups/rebuild-rollups.js';
import {
  SettledKpiCache,
  cacheBudgetBytes,
  settledKpiCache,
  DEFAULT_KPI_CACHE_MB,
} from '../../src/services/kpis/settled-kpi-cache.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const B0 = Date.UTC(2026, 0, 5); // baseline window [B0, B0 + 20 d), human items only
const T = Date.UTC(2026, 2, 2); // Monday 2 March 2026: the agents' first day
const DAYS = 45;
// Thursday of the seventh week, 10:00: weeks 0–4 have settled (their last resolution, T + 35 d + 6 h,
// settled a week later at T + 42 d + 6 h); week 5 still holds resolutions in their 7-day window
const NOW = T + 45 * DAY + 10 * HOUR;

function ticket(id: string, fields: Partial<RawItem> & Pick<RawItem, 'opened_at' | 'handled_by'>): RawItem {
  return { source: 'desk', external_id: id, workflow: 'it', category: 'password', priority: 3, ...fields };
}

/** Four agent items a day over 45 days, two agents, escalations, failures, csat, costs attached and by range. */
function agentItems(): RawItem[] {
  const items: RawItem[] = [];
  for (let d = 0; d < DAYS; d++)
    for (let k = 0; k < 4; k++) {
      const n = d * 4 + k;
      const opened = T + d * DAY + (k * 5 + 1) * HOUR;
      const outcome = n % 7 === 3 ? 'escalated' : n % 11 === 5 ? 'failed' : 'resolved';
      items.push(
        ticket(`A${n}`, {
          handled_by: k % 2 === 0 ? 'a1' : 'a2',
          category: n % 3 === 0 ? 'network' : 'password',
          opened_at: iso(opened),
          first_response_at: iso(opened + 5 * 60_000 + (n % 13) * 60_000),
          ...(outcome === 'resolved'
            ? {
                resolved_at: iso(opened + (1 + (n % 5)) * HOUR),
                ...(n % 4 === 0 ? { csat: 1 + (n % 5) } : {}),
              }
            : { outcome, ...(n % 2 === 0 ? { handoff_minutes: 6 } : {}) }),
        }),
      );
    }
  return items;
}

/** A tenant with a frozen baseline, two agents deployed, six and a half weeks of their work, and costs. */
async function settledTenant(store: Parameters<typeof newTenant>[0]): Promise<Ctx> {
  const ctx = await newTenant(store, { now: B0, durabilityWindowDays: 7 });
  await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '3': 8 } } } });
  await putRateCard({
    ctx,
    input: {
      id: 'default',
      body: {
        staff_hourly_rate: 50,
        management_overhead: 0.2,
        sla_penalty_per_breach: 10,
        handle_hours: { default: 1, cohorts: [{ category: 'network', hours: 2 }] },
      },
    },
  });
  const humans: RawItem[] = [];
  for (let d = 0; d < 20; d++)
    humans.push(
      ticket(`H${d}`, {
        handled_by: 'human',
        category: d % 2 ? 'network' : 'password',
        opened_at: iso(B0 + d * DAY),
        resolved_at: iso(B0 + d * DAY + (2 + (d % 9)) * HOUR),
      }),
    );
  await ingest(at(ctx, B0 + 21 * DAY), humans);
  await freezeBaseline({ ctx: at(ctx, B0 + 21 * DAY), input: { from: B0, to: B0 + 20 * DAY } });
  for (const agent of ['a1', 'a2']) {
    await putAgent({ ctx, input: { id: agent, body: { name: `Agent ${agent}` } } });
    await putDeployment({ ctx, input: { agentId: agent, workflow: 'it', body: { go_live_at: iso(T) } } });
  }
  await ingestCostRecords(at(ctx, T), [
    {
      id: 'lic-a1',
      agent_id: 'a1',
      kind: 'licensing',
      amount: 310,
      starts_at: iso(T),
      ends_at: iso(T + 31 * DAY),
    },
    {
      id: 'lic-a2',
      agent_id: 'a2',
      kind: 'licensing',
      amount: 400,
      starts_at: iso(T + 10 * DAY),
      ends_at: iso(T + 50 * DAY),
    },
  ]);
  // the items arrive week by week, each batch the day after its week, with inference costs on some
  const items = agentItems();
  for (let week = 0; week * 7 < DAYS; week++) {
    const batch = items.filter((i) => {
      const opened = Date.parse(i.opened_at);
      return opened >= T + week * 7 * DAY && opened < T + (week + 1) * 7 * DAY;
    });
    const arrival = at(ctx, Math.min(NOW, T + (week + 1) * 7 * DAY + 2 * HOUR));
    await ingest(arrival, batch);
    const costs = await ingestCostRecords(
      arrival,
      batch
        .filter((_, i) => i % 3 === 0)
        .map((i) => ({
          agent_id: i.handled_by,
          item: { source: 'desk', external_id: i.external_id },
          kind: 'inference' as const,
          amount: '0.40',
          starts_at: i.opened_at,
        })),
    );
    expect(costs.errors).toEqual([]);
  }
  await closeDurabilityWindows(at(ctx, NOW));
  return at(ctx, NOW);
}

const YEAR_LIKE: KpiQuery = {
  // from a Friday afternoon (a cut first week) to two days after now (the last week cut by now)
  filter: { from: T - 3 * DAY + 15 * HOUR, to: NOW + 2 * DAY },
  groupBy: ['agent', 'week'],
};

/** The same query computed with nothing kept: the reference every kept answer must equal. */
async function computedWhole(ctx: Ctx, query: KpiQuery): Promise<KpiAnswer> {
  const cache = settledKpiCache(ctx.store);
  const budget = cache.maxBytes;
  cache.maxBytes = 0;
  try {
    return await getKpis({ ctx, input: query });
  } finally {
    cache.maxBytes = budget;
  }
}

async function counted(
  ctx: Ctx,
  query: KpiQuery,
): Promise<{ answer: KpiAnswer; hits: number; misses: number }> {
  const cache = settledKpiCache(ctx.store);
  const [hits, misses] = [cache.hits, cache.misses];
  const answer = await getKpis({ ctx, input: query });
  return { answer, hits: cache.hits - hits, misses: cache.misses - misses };
}

function groupOf(answer: KpiAnswer, agent: string, week: string) {
  const group = answer.groups.find((g) => g.key.agent === agent && g.key.week === week);
  if (!group) throw new Error(`no group ${agent} ${week}`);
  return group;
}

forEachEngine('settled periods kept between KPI reads', ({ store }) => {
  it('answers a kept read exactly as a computed one, computing only the periods it does not hold', async () => {
    const ctx = await settledTenant(store());
    settledKpiCache(ctx.store).clear();
    const reference = await computedWhole(ctx, YEAR_LIKE);
    // 8 week buckets: the cut first week (from Friday 27 Feb), weeks 0–5 whole and past, the cut last week
    expect(new Set(reference.groups.map((g) => g.key.week)).size).toBe(7); // nothing before T: 7 weeks
    expect(reference.groups.length).toBe(14); // 2 agents × 7 weeks
    expect(reference.baseline_version).toBe(1);

    const first = await counted(ctx, YEAR_LIKE);
    expect(first.answer).toEqual(reference);
    expect(first.hits).toBe(0);
    expect(first.misses).toBe(8);
    // kept: weeks 0–4 (whole, past, nothing provisional); not week 5 (in its window), not the cut ones
    expect(settledKpiCache(ctx.store).size().periods).toBe(5);

    const second = await counted(ctx, YEAR_LIKE);
    expect(second.answer).toEqual(reference);
    expect(second.hits).toBe(5);
    // the API's JSON, spliced from the kept text, is the same answer
    const text = await getKpisJson({ ctx, input: YEAR_LIKE });
    expect(JSON.parse(text.text)).toEqual(JSON.parse(JSON.stringify(reference)));
    settledKpiCache(ctx.store).clear();
    const cold = await getKpisJson({ ctx, input: YEAR_LIKE });
    expect(cold.text).toBe(text.text);
    expect(second.misses).toBe(3); // the cut first week, week 5, the cut last week: read again

    // the same weeks by week alone are another query: kept apart, and equal to their own computation
    const byWeek: KpiQuery = { ...YEAR_LIKE, groupBy: ['week'] };
    expect((await counted(ctx, byWeek)).answer).toEqual(await computedWhole(ctx, byWeek));
    expect((await counted(ctx, byWeek)).hits).toBe(5);
    // a filter is part of the query
    const a2Network: KpiQuery = {
      ...YEAR_LIKE,
      filter: { ...YEAR_LIKE.filter, agent: ['a2'], category: ['network'] },
    };
    expect((await counted(ctx, a2Network)).answer).toEqual(await computedWhole(ctx, a2Network));
    expect((await counted(ctx, a2Network)).answer).toEqual(await computedWhole(ctx, a2Network));
  });

  it('sees every write into a kept period at once: a late item, a reopen, a range cost, a baseline, a rebuild', async () => {
    const ctx = await settledTenant(store());
    await getKpis({ ctx, input: YEAR_LIKE });
    const before = await getKpis({ ctx, input: YEAR_LIKE });
    const week1 = String(groupOf(before, 'a1', '2026-W11').key.week);
    const handled = groupOf(before, 'a1', week1).kpis.items_handled.value;

    // a late item of week 1 (opened Tuesday 10 March), resolved within the hour
    await ingest(ctx, [
      ticket('LATE', { handled_by: 'a1', opened_at: iso(T + 8 * DAY), resolved_at: iso(T + 8 * DAY + HOUR) }),
    ]);
    const late = await getKpis({ ctx, input: YEAR_LIKE });
    expect(late).toEqual(await computedWhole(ctx, YEAR_LIKE));
    expect(groupOf(late, 'a1', week1).kpis.items_handled.value).toBe((handled ?? 0) + 1);

    // a resolution of week 2 reopened: first contact and the reopen rate move
    const a2Before = groupOf(late, 'a2', '2026-W12').kpis.reopen_rate.value;
    await ingest(ctx, [
      ticket('A57', {
        handled_by: 'a2',
        category: 'password',
        opened_at: iso(T + 14 * DAY + 6 * HOUR),
        first_response_at: iso(T + 14 * DAY + 6 * HOUR + 10 * 60_000),
        resolved_at: iso(T + 14 * DAY + 9 * HOUR),
        reopen_count: 1,
        updated_at: iso(NOW),
      }),
    ]);
    const reopened = await getKpis({ ctx, input: YEAR_LIKE });
    expect(reopened).toEqual(await computedWhole(ctx, YEAR_LIKE));
    expect(groupOf(reopened, 'a2', '2026-W12').kpis.reopen_rate.value).not.toBe(a2Before);

    // a range cost over week 3 changes that week's cost without touching a rollup row
    const cost = groupOf(reopened, 'a1', '2026-W13').kpis.total_cost.value ?? 0;
    const added = await ingestCostRecords(ctx, [
      {
        id: 'compute-a1',
        agent_id: 'a1',
        kind: 'compute',
        amount: 70,
        starts_at: iso(T + 21 * DAY),
        ends_at: iso(T + 28 * DAY),
      },
    ]);
    expect(added.errors).toEqual([]);
    const costed = await getKpis({ ctx, input: YEAR_LIKE });
    expect(costed).toEqual(await computedWhole(ctx, YEAR_LIKE));
    // the whole 70.00 falls in week 3 (its 7 days exactly), split over a1's items of that week
    expect(groupOf(costed, 'a1', '2026-W13').kpis.total_cost.value).toBeCloseTo(cost + 70, 6);

    // a new baseline version: every group's value and baseline beside it are the new version's
    await freezeBaseline({ ctx, input: { from: B0, to: B0 + 10 * DAY } });
    const rebased = await getKpis({ ctx, input: YEAR_LIKE });
    expect(rebased.baseline_version).toBe(2);
    expect(rebased.groups.every((g) => g.baseline?.version === 2)).toBe(true);
    expect(rebased).toEqual(await computedWhole(ctx, YEAR_LIKE));

    // a rebuild drops and recounts every row: nothing kept from before it is served
    await getKpis({ ctx, input: YEAR_LIKE });
    await ctx.store.db
      .deleteFrom('items')
      .where('tenant_id', '=', ctx.tenantId)
      .where('external_id', '=', 'LATE')
      .execute();
    await rebuildRollups(ctx);
    const rebuilt = await getKpis({ ctx, input: YEAR_LIKE });
    expect(rebuilt).toEqual(await computedWhole(ctx, YEAR_LIKE));
    expect(groupOf(rebuilt, 'a1', week1).kpis.items_handled.value).toBe(handled);
  });

  it('keeps a period once nothing in it can settle with time alone, and computes reads as of the past whole', async () => {
    const ctx = await settledTenant(store());
    const cache = settledKpiCache(ctx.store);
    cache.clear();
    // a week later week 5 has settled (its last window closed at T + 49 d + 6 h) but the durability job
    // has not run: its rows still say pending, each read as durable by the window check, and nothing in
    // it can change with time any more, so it is kept beside weeks 0–4
    const later = at(ctx, NOW + 7 * DAY);
    const query: KpiQuery = { ...YEAR_LIKE, filter: { ...YEAR_LIKE.filter, to: NOW + 2 * DAY } };
    const first = await getKpis({ ctx: later, input: query });
    expect(cache.size().periods).toBe(6);
    expect((await counted(later, query)).hits).toBe(6);
    // the job writes week 5's rows (pending → durable): its version is raised, so it is computed again,
    // to the same figures
    const job = await closeDurabilityWindows(later);
    expect(job.durable).toBeGreaterThan(0);
    const afterJob = await counted(later, query);
    expect(afterJob.hits).toBe(5);
    expect(afterJob.misses).toBe(3); // the cut first week, week 5, the cut last week
    expect(afterJob.answer).toEqual(first);
    expect(afterJob.answer).toEqual(await computedWhole(later, query));
    // as of the past: computed from the items as of then, whatever is kept
    const past: KpiQuery = { ...query, asOf: NOW - 10 * DAY };
    const pastRead = await counted(later, past);
    expect(pastRead.hits + pastRead.misses).toBe(0);
    expect(pastRead.answer).toEqual(await computedWhole(later, past));
  });
});

describe('the kept periods', () => {
  const groups = (n: number) => [
    { key: { week: String(n) }, json: JSON.stringify({ key: { week: String(n) } }) },
  ];

  it('drop the least recently used past their budget, and anything kept under another version', () => {
    const one = (groups(1)[0]?.json.length ?? 0) + 'k1'.length; // every entry here is this size
    const cache = new SettledKpiCache(3 * one);
    cache.set('k1', 's', groups(1));
    cache.set('k2', 's', groups(2));
    cache.set('k3', 's', groups(3));
    expect(cache.size()).toEqual({ periods: 3, bytes: 3 * one });
    expect(cache.get('k1', 's')).toEqual(groups(1)); // k1 is now the most recently used
    cache.set('k4', 's', groups(4)); // over budget: k2, the least recently used, goes
    expect(cache.get('k2', 's')).toBeUndefined();
    expect(cache.get('k1', 's')).toEqual(groups(1));
    expect(cache.size().periods).toBe(3);
    // another version of the period: not served, and dropped
    expect(cache.get('k3', 't')).toBeUndefined();
    expect(cache.size()).toEqual({ periods: 2, bytes: 2 * one });
    // an entry larger than the whole budget is not kept
    const small = new SettledKpiCache(one - 1);
    small.set('k1', 's', groups(1));
    expect(small.size().periods).toBe(0);
  });

  it('take their budget from WORKLEDGER_KPI_CACHE_MB', () => {
    expect(cacheBudgetBytes({})).toBe(DEFAULT_KPI_CACHE_MB * 1024 * 1024);
    expect(cacheBudgetBytes({ WORKLEDGER_KPI_CACHE_MB: '0' })).toBe(0);
    expect(cacheBudgetBytes({ WORKLEDGER_KPI_CACHE_MB: '1.5' })).toBe(1_572_864); // 1.5 × 1,048,576
    expect(() => cacheBudgetBytes({ WORKLEDGER_KPI_CACHE_MB: 'lots' })).toThrow(
      /WORKLEDGER_KPI_CACHE_MB: must be a number of megabytes/,
    );
    expect(() => cacheBudgetBytes({ WORKLEDGER_KPI_CACHE_MB: '-1' })).toThrow(/0 or more/);
  });
});
