import { expect, it } from 'vitest';
import type { KpiName } from '../../src/domain/kpis/kpi-value.js';
import { getKpis } from '../../src/services/kpis/get-kpis.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const D0 = Date.UTC(2026, 2, 2); // Monday; previous period [D0, D0 + 7 d), current [D0 + 7 d, D0 + 14 d)
const AS_OF = D0 + 15 * DAY; // one day after the current period ended: it settles at D0 + 21 d

/**
 * Each period: 30 agent items opened one an hour from its start, each resolved an hour later; the first
 * three are reopened 2 days (current) or 10 days (previous) after their period began.
 */
function period(prefix: string, start: number, reopenAfter: number): RawItem[] {
  return Array.from({ length: 30 }, (_, k) => {
    const opened = start + k * HOUR;
    const reopened = k < 3 ? start + reopenAfter : null;
    return {
      source: 'desk',
      external_id: `${prefix}${k}`,
      workflow: 'it',
      category: 'password',
      priority: 3,
      handled_by: 'bot',
      opened_at: iso(opened),
      resolved_at: iso(opened + HOUR),
      reopen_count: reopened === null ? 0 : 1,
      updated_at: iso(reopened ?? opened + HOUR),
    };
  });
}

forEachEngine('comparing a period with the one before (KPIS.md, Maturity)', ({ store }) => {
  it('reads the earlier period as it stood the same time after its own end, and says so', async () => {
    const ctx = await newTenant(store(), { now: AS_OF });
    await ingest(ctx, [...period('P', D0, 10 * DAY), ...period('C', D0 + 7 * DAY, 2 * DAY)]);
    const filter = { from: D0 + 7 * DAY, to: D0 + 14 * DAY };
    const answer = await getKpis({ ctx, input: { filter, groupBy: [], compare: 'previous' } });
    expect(answer.maturity).toEqual({ settled: false, settles_at: iso(D0 + 21 * DAY) });
    expect(answer.comparison).toMatchObject({
      basis: 'equal_maturity',
      previous: { from: iso(D0), to: iso(D0 + 7 * DAY), as_of: iso(D0 + 8 * DAY) },
    });
    // Current, as of D0 + 15 d (192 h after it began): resolutions at +1 … +30 h; a window closes 168 h
    // later, so the 24 resolved by +24 h are settled; 3 of them were reopened (on day 2): 21 ÷ 24.
    const now = answer.groups[0]?.kpis;
    expect(now?.n_provisional.value).toBe(6);
    expect(now?.durable_rate.value).toBe(21 / 24);
    // Previous at equal maturity (D0 + 8 d): also 24 settled, 6 provisional, and its reopens (day 10)
    // had not happened yet: 24 ÷ 24. As it stands today it would be 27 ÷ 30 = 0.9: a settled period.
    const durable = answer.comparison?.groups[0]?.kpis.durable_rate;
    expect(durable?.previous.value).toBe(1);
    expect(durable?.previous.n).toBe(24);
    expect(durable?.delta).toBeCloseTo(21 / 24 - 1, 12);
    expect(durable?.verdict).toBe('insufficient data'); // 24 a side, under 30
    expect(answer.comparison?.groups[0]?.kpis.n_provisional.previous.value).toBe(6);
    const settledNow = await getKpis({ ctx, input: { filter: { from: D0, to: D0 + 7 * DAY }, groupBy: [] } });
    expect(settledNow.groups[0]?.kpis.durable_rate.value).toBe(0.9);

    // the comparison is the same as asking for the earlier period at that as-of
    const direct = await getKpis({
      ctx,
      input: { filter: { from: D0, to: D0 + 7 * DAY }, groupBy: [], asOf: D0 + 8 * DAY },
    });
    for (const [name, change] of Object.entries(answer.comparison?.groups[0]?.kpis ?? {}))
      expect(change.previous, name).toEqual(direct.groups[0]?.kpis[name as KpiName]);
  });

  it('compares settled periods as they stand', async () => {
    const ctx = await newTenant(store(), { now: D0 + 30 * DAY });
    await ingest(ctx, [...period('P', D0, 10 * DAY), ...period('C', D0 + 7 * DAY, 2 * DAY)]);
    const answer = await getKpis({
      ctx,
      input: { filter: { from: D0 + 7 * DAY, to: D0 + 14 * DAY }, groupBy: [], compare: 'previous' },
    });
    expect(answer.maturity.settled).toBe(true);
    expect(answer.comparison?.basis).toBe('settled');
    expect(answer.comparison?.previous.as_of).toBe(iso(D0 + 30 * DAY));
    // both 27 ÷ 30: no change
    expect(answer.comparison?.groups[0]?.kpis.durable_rate).toMatchObject({
      previous: { value: 0.9, n: 30 },
      delta: 0,
      verdict: 'no significant difference',
      test: 'two-proportion z-test',
    });
  });

  it('refuses to compare a grouping that already has a time dimension', async () => {
    const ctx = await newTenant(store(), { now: AS_OF });
    await expect(
      getKpis({
        ctx,
        input: { filter: { from: D0, to: D0 + 7 * DAY }, groupBy: ['week'], compare: 'previous' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'compare' });
  });
});
