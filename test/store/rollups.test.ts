import { expect, it } from 'vitest';
import { KPI_NAMES, type KpiSet } from '../../src/domain/kpis/kpi-value.js';
import { putWorkflow } from '../../src/services/config/configure.js';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import type { Ctx } from '../../src/services/context.js';
import { getKpis, type GroupDimension } from '../../src/services/kpis/get-kpis.js';
import { withTransaction } from '../../src/services/context.js';
import { itemReadPage } from '../../src/services/kpis/read-cells.js';
import { markRollupsStale, rebuildRollups } from '../../src/services/rollups/rebuild-rollups.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';
import { START, steadyLives, versionsAt } from '../report/steady-agent.js';

const T = Date.UTC(2026, 2, 2); // Monday 2 March 2026
const NOW = T + 40 * DAY;

function ticket(id: string, fields: Partial<RawItem> & Pick<RawItem, 'opened_at' | 'handled_by'>): RawItem {
  return { source: 'desk', external_id: id, workflow: 'it', category: 'password', priority: 3, ...fields };
}

/**
 * A tenant written the way life writes it: items in batches, later updates (a reopen, a reassignment, a
 * change of category that moves an item to another bucket), a rework link arriving days later, costs
 * before and after their items, range costs, and the durability job run halfway.
 */
async function livedTenant(store: Parameters<typeof newTenant>[0]): Promise<Ctx> {
  const ctx = await newTenant(store, { now: T });
  await putWorkflow({ ctx, input: { id: 'it', body: { name: 'IT', sla_hours: { '1': 4, '3': 8 } } } });
  const day = (d: number, h = 9) => T + d * DAY + h * HOUR;
  await ingestCostRecords(at(ctx, day(0)), [
    // a cost that arrives before its item
    {
      id: 'early',
      agent_id: 'a1',
      item: { source: 'desk', external_id: 'A1' },
      kind: 'inference',
      amount: '0.70',
      starts_at: iso(day(0)),
    },
    {
      id: 'licence',
      agent_id: 'a1',
      kind: 'licensing',
      amount: 310,
      starts_at: iso(T),
      ends_at: iso(T + 31 * DAY),
    },
  ]);
  await ingest(at(ctx, day(1)), [
    ticket('A1', { handled_by: 'a1', opened_at: iso(day(0)), resolved_at: iso(day(0, 10)), csat: 5 }),
    ticket('A2', {
      handled_by: 'a1',
      opened_at: iso(day(0, 11)),
      resolved_at: iso(day(0, 20)),
      first_response_at: iso(day(0, 11.5)),
    }),
    ticket('A3', {
      handled_by: 'a1',
      category: 'network',
      priority: 1,
      opened_at: iso(day(1)),
      outcome: 'escalated',
      handoff_minutes: 7,
    }),
    ticket('A4', {
      handled_by: 'a2',
      channel: 'chat',
      opened_at: iso(day(1, 3)),
      resolved_at: iso(day(1, 4)),
      sla_met: false,
    }),
    ticket('A5', { handled_by: 'a2', opened_at: iso(day(2)), outcome: 'failed' }),
    ticket('A6', { handled_by: 'a2', opened_at: iso(day(2, 5)) }),
    ticket('H1', { handled_by: 'human', opened_at: iso(day(0, 12)), resolved_at: iso(day(1)) }),
    ticket('H2', {
      handled_by: 'human',
      category: 'network',
      opened_at: iso(day(3)),
      resolved_at: iso(day(4)),
      reassignment_count: 2,
    }),
  ]);
  await ingestCostRecords(at(ctx, day(3)), [
    {
      id: 'late',
      agent_id: 'a2',
      item: { source: 'desk', external_id: 'A4' },
      kind: 'inference',
      amount: '1.25',
      starts_at: iso(day(1)),
    },
  ]);
  await ingest(at(ctx, day(4)), [
    // A2 reopened 3 days later; A4 moves to another category (another bucket) with its cost; A6 resolves
    ticket('A2', {
      handled_by: 'a1',
      opened_at: iso(day(0, 11)),
      resolved_at: iso(day(0, 20)),
      reopen_count: 1,
      updated_at: iso(day(3)),
    }),
    ticket('A4', {
      handled_by: 'a2',
      category: 'vpn',
      channel: 'chat',
      opened_at: iso(day(1, 3)),
      resolved_at: iso(day(1, 4)),
      sla_met: false,
      updated_at: iso(day(4)),
    }),
    ticket('A6', { handled_by: 'a2', opened_at: iso(day(2, 5)), resolved_at: iso(day(3, 5)) }),
    // a follow-up of A1 opened 2 days after it resolved: rework inside its window
    ticket('R1', {
      handled_by: 'human',
      opened_at: iso(day(2, 10)),
      links: [{ kind: 'follow_up_of', source: 'desk', external_id: 'A1' }],
    }),
  ]);
  await closeDurabilityWindows(at(ctx, day(9)));
  await ingest(at(ctx, day(12)), [
    ticket('A7', { handled_by: 'a1', opened_at: iso(day(11, 1)), resolved_at: iso(day(11, 2)) }),
    ticket('A8', {
      handled_by: 'a1',
      opened_at: iso(day(11, 5)),
      resolved_at: iso(day(11, 6)),
      reassignment_count: 1,
    }),
  ]);
  return at(ctx, NOW);
}

async function rollupRows(ctx: Ctx) {
  const rows = await ctx.store.db
    .selectFrom('rollups')
    .selectAll()
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy(['grain', 'period_start', 'handler', 'workflow', 'category', 'priority', 'channel'])
    .execute();
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v,
      ]),
    ),
  );
}

async function answers(ctx: Ctx, windows: { from: number; to: number }[], groupings: GroupDimension[][]) {
  const all: unknown[] = [];
  for (const window of windows)
    for (const groupBy of groupings) all.push(await getKpis({ ctx, input: { filter: window, groupBy } }));
  return all;
}

forEachEngine('rollups', ({ store }) => {
  it('kept on every write equal a rebuild from the items, row for row', async () => {
    const ctx = await livedTenant(store());
    const kept = await rollupRows(ctx);
    expect(kept.length).toBeGreaterThan(20);
    const rebuilt = await rebuildRollups(ctx);
    expect(rebuilt.items).toBe(11); // A1–A8, H1, H2, R1
    expect(await rollupRows(ctx)).toEqual(kept);
    expect(rebuilt.buckets).toBe(kept.length);
  });

  it('counts writes made during a rebuild once, on whichever side of its cursor they fall', async () => {
    const ctx = await livedTenant(store());
    const day = (d: number, h = 9) => T + d * DAY + h * HOUR;
    let step = 0;
    // three items a chunk in opened order: the first chunk counts A1 (day 0, 9:00), A2 (11:00) and
    // H1 (12:00), so the cursor stands at H1 when these writes land
    const rebuilt = await rebuildRollups(
      ctx,
      async () => {
        if (step++ > 0) return;
        await ingest(at(ctx, NOW), [
          // counted → not yet: A2 moves to day 5, past the cursor
          ticket('A2', {
            handled_by: 'a1',
            opened_at: iso(day(5)),
            resolved_at: iso(day(5, 20)),
            updated_at: iso(NOW),
          }),
          // not yet → counted: A8 moves from day 11 to day 0, 8:00, behind the cursor
          ticket('A8', {
            handled_by: 'a1',
            opened_at: iso(day(0, 8)),
            resolved_at: iso(day(0, 9)),
            updated_at: iso(NOW),
          }),
          // counted → counted: A1 gains a csat
          ticket('A1', {
            handled_by: 'a1',
            opened_at: iso(day(0)),
            resolved_at: iso(day(0, 10)),
            csat: 2,
            updated_at: iso(NOW),
          }),
          // new items on both sides of the cursor
          ticket('N1', { handled_by: 'a2', opened_at: iso(day(0, 7)), resolved_at: iso(day(0, 8)) }),
          ticket('N2', { handled_by: 'a2', opened_at: iso(day(20)), outcome: 'escalated' }),
        ]);
      },
      3,
    );
    expect(step).toBeGreaterThan(1);
    // 11 items, and N1 (behind the cursor, counted by the write) is not counted again; N2 is, by the rebuild
    expect(rebuilt.items).toBe(11 - 1 + 2);
    const kept = await rollupRows(ctx);
    await rebuildRollups(ctx);
    expect(kept).toEqual(await rollupRows(ctx));
  });

  it('contract: every KPI read from rollups equals the same KPI read from the items', async () => {
    const ctx = await livedTenant(store());
    const windows = [
      { from: T, to: T + 14 * DAY }, // whole days: rollups only
      { from: T + 10 * HOUR, to: T + 12 * DAY + 15 * HOUR }, // partial days at both ends: items there
      { from: T - 3 * DAY, to: T + 40 * DAY }, // whole weeks and a month
    ];
    const groupings: GroupDimension[][] = [
      [],
      ['agent'],
      ['agent', 'week'],
      ['category'],
      ['day'],
      ['month'],
      ['channel', 'priority'],
    ];
    const fromRollups = await answers(ctx, windows, groupings);
    await withTransaction(ctx, (tx) => markRollupsStale(ctx, tx));
    const fromItems = await answers(ctx, windows, groupings);
    expect(fromRollups).toEqual(fromItems);
    // the items read in pages of 3 (items opened at the same moment straddle pages): the same answers
    const page = itemReadPage.size;
    itemReadPage.size = 3;
    try {
      expect(await answers(ctx, windows, groupings)).toEqual(fromItems);
    } finally {
      itemReadPage.size = page;
    }
  });

  it('contract at volume: binned percentiles within 1% of the items', async () => {
    const lives = steadyLives();
    const end = START + 12 * 7 * DAY;
    const ctx = await newTenant(store(), { now: end });
    await ingest(ctx, versionsAt(lives, end));
    const window = { from: START, to: end };
    const read = (groupBy: GroupDimension[]) => getKpis({ ctx, input: { filter: window, groupBy } });
    const rolled = [await read([]), await read(['week']), await read(['month'])];
    await withTransaction(ctx, (tx) => markRollupsStale(ctx, tx));
    const raw = [await read([]), await read(['week']), await read(['month'])];
    rolled.forEach((answer, a) => {
      answer.groups.forEach((group, g) => {
        const exact = raw[a]?.groups[g]?.kpis as KpiSet;
        for (const name of KPI_NAMES) {
          const mine = group.kpis[name];
          const theirs = exact[name];
          expect(mine.n, name).toBe(theirs.n);
          if (mine.value === null || theirs.value === null) expect(mine.value).toBe(theirs.value);
          else if (/_p\d+_s$/.test(name))
            expect(Math.abs(mine.value - theirs.value), name).toBeLessThanOrEqual(
              0.01 * Math.abs(theirs.value),
            );
          else expect(mine.value, name).toBeCloseTo(theirs.value, 6);
        }
      });
    });
    // the week buckets hold 280 resolution times each: binned, not exact
    const stored = await ctx.store.db
      .selectFrom('rollups')
      .select('latency')
      .where('tenant_id', '=', ctx.tenantId)
      .where('grain', '=', 'week')
      .executeTakeFirstOrThrow();
    expect(stored.latency).toMatch(/;b;/);
  });
});
