import { expect, it } from 'vitest';
import { createRandom } from '../../src/domain/stats/random.js';
import { getKpis, type GroupDimension } from '../../src/services/kpis/get-kpis.js';
import { getCostsByKind } from '../../src/services/dashboard/dashboard-costs-by-kind.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, ingestCostRecords, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);
const NOW = Date.UTC(2026, 5, 1);

function ticket(id: string, agent: string, openedAt: number, fields: Partial<RawItem> = {}): RawItem {
  return {
    source: 'desk',
    external_id: id,
    workflow: 'it',
    category: 'password',
    priority: 3,
    handled_by: agent,
    opened_at: iso(openedAt),
    resolved_at: iso(openedAt + HOUR),
    ...fields,
  };
}

const sumOf = (values: readonly (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

forEachEngine('costs are conserved (KPIS.md, Costs)', ({ store }) => {
  it('a January licence of 300 shows 300 in January, though the agent worked only 11 days', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    // the agent works on 11 days of January: the 1st, 4th, 7th, … 31st (every third day)
    const days = Array.from({ length: 11 }, (_, i) => 1 + 3 * i);
    await ingest(
      ctx,
      days.map((d) => ticket(`J${d}`, 'bot', JAN + (d - 1) * DAY + 9 * HOUR)),
    );
    const costs = await ingestCostRecords(ctx, [
      { agent_id: 'bot', kind: 'licensing', amount: 300, starts_at: iso(JAN), ends_at: iso(FEB) },
    ]);
    expect(costs.errors).toEqual([]);
    const month = await getKpis({ ctx, input: { filter: { from: JAN, to: FEB }, groupBy: [] } });
    const k = month.groups[0]?.kpis;
    expect(k?.total_cost.value).toBe(300); // not 11 × 300 ÷ 31 = 106.45 as before
    expect(k?.unallocated_cost.value).toBe(0);
    expect(k?.cost_per_output.value).toBeCloseTo(300 / 11, 9); // every item durable by NOW

    // by day: 11 days carry 9.677419 each on their item; the 20 other days keep theirs as unallocated
    const byDay = await getKpis({ ctx, input: { filter: { from: JAN, to: FEB }, groupBy: ['day'] } });
    expect(byDay.groups).toHaveLength(31);
    const total = sumOf(byDay.groups.map((g) => g.kpis.total_cost.value));
    expect(Math.round(total * 1e6)).toBe(300_000_000); // to the micro-unit
    const idle = byDay.groups.filter((g) => g.kpis.items_handled.value === 0);
    expect(idle).toHaveLength(20);
    // round(300e6 × 20 ÷ 31) spread by day: each idle day 9.677419 or 9.67742
    for (const g of idle) expect(g.kpis.unallocated_cost.value).toBeCloseTo(300 / 31, 5);
    expect(Math.round(sumOf(idle.map((g) => g.kpis.unallocated_cost.value)) * 1e6)).toBeGreaterThan(
      193_548_380,
    );

    // the dashboard's cost components are the same breakdown, side by side
    const kinds = await getCostsByKind({ ctx, input: { filter: { from: JAN, to: FEB } } });
    expect(kinds.total).toBe(300);
    expect(kinds.kinds.find((c) => c.kind === 'licensing')?.amount).toBe(300);
    expect(kinds.kinds.find((c) => c.kind === 'unallocated')?.amount).toBe(0);
    expect(kinds.kinds.map((c) => c.kind)).toEqual([
      'inference',
      'compute',
      'licensing',
      'integration',
      'outcome_fee',
      'oversight',
      'unallocated',
    ]);
  });

  it('property: for random costs, ranges and item days, every covering grouping adds up to the amounts', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const random = createRandom(42);
    const agents = ['a1', 'a2', 'a3'];
    const items: RawItem[] = [];
    for (let i = 0; i < 120; i++) {
      const agent = agents[Math.floor(random() * agents.length)] ?? 'a1';
      // items on random days of January–March, some agents idle for weeks
      items.push(ticket(`P${i}`, agent, JAN + Math.floor(random() * 89 * DAY)));
    }
    await ingest(ctx, items);
    let expectedMicros = 0;
    const costs = Array.from({ length: 25 }, (_, i) => {
      const start = JAN + Math.floor(random() * 60 * DAY) + Math.floor(random() * DAY);
      const end = start + HOUR + Math.floor(random() * 25 * DAY);
      const micros = 1 + Math.floor(random() * 5_000_000_000);
      expectedMicros += micros;
      return {
        id: `cost-${i}`,
        agent_id: agents[i % agents.length] ?? 'a1',
        kind: (['licensing', 'compute', 'integration'] as const)[i % 3] ?? 'licensing',
        amount: (micros / 1e6).toFixed(6),
        starts_at: iso(start),
        ends_at: iso(end),
      };
    });
    expect((await ingestCostRecords(ctx, costs)).errors).toEqual([]);
    // a window that covers every range: JAN .. JAN + 90 d
    const filter = { from: JAN, to: JAN + 90 * DAY };
    const groupings: GroupDimension[][] = [
      [],
      ['day'],
      ['week'],
      ['month'],
      ['agent'],
      ['agent', 'week'],
      ['category'],
    ];
    for (const groupBy of groupings) {
      const answer = await getKpis({ ctx, input: { filter, groupBy } });
      const micros = answer.groups.reduce(
        (sum, g) => sum + Math.round((g.kpis.total_cost.value ?? 0) * 1e6),
        0,
      );
      // every share is whole micro-units (a period's share telescopes, and its split over items hands
      // out the remainder micro-units one by one), so any grouping adds up exactly
      expect(micros, groupBy.join('×') || 'none').toBe(expectedMicros);
    }
  });
});
