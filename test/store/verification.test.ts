import { expect, it } from 'vitest';
import { closeDurabilityWindows } from '../../src/services/jobs/close-durability-windows.js';
import type { Ctx } from '../../src/services/context.js';
import { getKpis } from '../../src/services/kpis/get-kpis.js';
import { getItem } from '../../src/services/kpis/read-items.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 4, 1); // 2025-05-01T00:00:00Z
const WINDOW_DAYS = 2;
const WINDOW = WINDOW_DAYS * DAY;

function item(externalId: string, overrides: Partial<RawItem>): RawItem {
  return {
    source: 'zendesk',
    external_id: externalId,
    workflow: 'support',
    category: 'billing',
    priority: 2,
    opened_at: iso(T0),
    handled_by: 'agent-v',
    ...overrides,
  };
}

/**
 * A tenant with a 2-day durability window and, all opened at T0:
 *   P1 resolved T0+1h — durable once T0+1h+2d has passed
 *   P2 resolved T0+2h — follow-up W2 opened T0+1d (inside the window): reversed at T0+1d by rework
 *   P3 resolved T0+3h — follow-up W3 opened T0+5d (after its window closed at T0+2d+3h): durable
 *   E  escalated by the agent (handled, never in a verification state); H resolved by a human
 */
async function seed(ctx: Ctx): Promise<void> {
  await ingest(ctx, [
    item('P1', { resolved_at: iso(T0 + HOUR) }),
    item('P2', { resolved_at: iso(T0 + 2 * HOUR) }),
    item('P3', { resolved_at: iso(T0 + 3 * HOUR) }),
    item('E', { outcome: 'escalated', updated_at: iso(T0 + HOUR) }),
    item('H', { handled_by: 'human', resolved_at: iso(T0 + 4 * HOUR) }),
    item('W2', {
      opened_at: iso(T0 + DAY),
      handled_by: 'human',
      links: [{ kind: 'follow_up_of', source: 'zendesk', external_id: 'P2' }],
    }),
    item('W3', {
      opened_at: iso(T0 + 5 * DAY),
      handled_by: 'human',
      links: [{ kind: 'follow_up_of', source: 'zendesk', external_id: 'P3' }],
    }),
  ]);
}

forEachEngine('verification', ({ store }) => {
  async function verificationColumns(ctx: Ctx) {
    return store()
      .db.selectFrom('items')
      .select(['external_id', 'durable_at', 'reversed_at', 'reversal_reason'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('external_id', 'in', ['P1', 'P2', 'P3'])
      .orderBy('external_id')
      .execute();
  }

  async function stateOf(ctx: Ctx, externalId: string, asOf: number) {
    return (await getItem({ ctx, input: { source: 'zendesk', externalId, asOf } })).verification;
  }

  it('takes the durability window from the tenant (default 7 days)', async () => {
    const defaulted = await newTenant(store(), { now: T0 });
    const custom = await newTenant(store(), { now: T0, durabilityWindowDays: WINDOW_DAYS });
    const windows = await store()
      .db.selectFrom('tenants')
      .select(['id', 'durability_window_ms'])
      .where('id', 'in', [defaulted.tenantId, custom.tenantId])
      .execute();
    expect(Object.fromEntries(windows.map((w) => [w.id, w.durability_window_ms]))).toEqual({
      [defaulted.tenantId]: 7 * DAY,
      [custom.tenantId]: 2 * DAY,
    });
  });

  it('moves a resolution from provisional to durable when the window has passed', async () => {
    const ctx = await newTenant(store(), { now: T0, durabilityWindowDays: WINDOW_DAYS });
    await seed(ctx);
    // P1 resolved T0+1h: its window closes at T0+1h+2d
    expect(await stateOf(ctx, 'P1', T0 + HOUR + WINDOW - 1)).toEqual({
      state: 'provisional',
      window_closes_at: iso(T0 + HOUR + WINDOW),
      reversed_at: null,
      reversal_reason: null,
    });
    expect((await stateOf(ctx, 'P1', T0 + HOUR + WINDOW)).state).toBe('durable');
    // P2 is provisional until its rework is opened at T0+1d, reversed from then on
    expect((await stateOf(ctx, 'P2', T0 + DAY - 1)).state).toBe('provisional');
    expect(await stateOf(ctx, 'P2', T0 + DAY)).toMatchObject({
      state: 'reversed',
      reversed_at: iso(T0 + DAY),
      reversal_reason: 'rework',
    });
    // neither the escalation nor the human resolution has a verification state
    expect((await stateOf(ctx, 'E', T0 + 30 * DAY)).state).toBeNull();
    expect((await stateOf(ctx, 'H', T0 + 30 * DAY)).state).toBeNull();
  });

  it('closes windows with the job: durable, or reversed by rework (recorded when the rework arrived), each item once', async () => {
    const ctx = await newTenant(store(), { now: T0, durabilityWindowDays: WINDOW_DAYS });
    await seed(ctx);
    // P2's rework item (opened at T0+1d, inside its window) reversed it as it was ingested
    expect((await verificationColumns(ctx))[1]).toEqual({
      external_id: 'P2',
      durable_at: null,
      reversed_at: T0 + DAY,
      reversal_reason: 'rework',
    });

    // at T0+1d no window has closed (the earliest closes at T0+1h+2d): nothing to do
    expect(await closeDurabilityWindows(at(ctx, T0 + DAY))).toEqual({ durable: 0, reversed: 0 });

    // at T0+2d+2h the window of P1 (T0+2d+1h) has closed; P2 is no longer pending
    expect(await closeDurabilityWindows(at(ctx, T0 + WINDOW + 2 * HOUR))).toEqual({
      durable: 1,
      reversed: 0,
    });
    expect(await verificationColumns(ctx)).toEqual([
      { external_id: 'P1', durable_at: T0 + HOUR + WINDOW, reversed_at: null, reversal_reason: null },
      { external_id: 'P2', durable_at: null, reversed_at: T0 + DAY, reversal_reason: 'rework' },
      { external_id: 'P3', durable_at: null, reversed_at: null, reversal_reason: null },
    ]);

    // later: P3 is durable (its rework came after the window); a second run finds nothing
    expect(await closeDurabilityWindows(at(ctx, T0 + 10 * DAY))).toEqual({ durable: 1, reversed: 0 });
    expect(await closeDurabilityWindows(at(ctx, T0 + 11 * DAY))).toEqual({ durable: 0, reversed: 0 });
    expect((await verificationColumns(ctx))[2]).toEqual({
      external_id: 'P3',
      durable_at: T0 + 3 * HOUR + WINDOW,
      reversed_at: null,
      reversal_reason: null,
    });
    // the job's writes are in the audit chain, and the chain holds
    expect(await verifyAudit({ ctx, input: { key: null } })).toMatchObject({ ok: true });
  });

  it('answers KPIs as of a time with the states of that time, before and after the job', async () => {
    const ctx = await newTenant(store(), { now: T0, durabilityWindowDays: WINDOW_DAYS });
    await seed(ctx);
    const kpisAsOf = async (asOf: number) => {
      const answer = await getKpis({ ctx, input: { filter: { from: T0, to: T0 + DAY }, groupBy: [], asOf } });
      const kpis = answer.groups[0]?.kpis;
      if (!kpis) throw new Error('no group');
      return {
        items_handled: kpis.items_handled.value,
        n_provisional: kpis.n_provisional.value,
        durable_rate: [kpis.durable_rate.value, kpis.durable_rate.n],
        error_rate: [kpis.error_rate.value, kpis.error_rate.n],
      };
    };
    // handled = P1, P2, P3, E = 4 (H is human; W2, W3 are opened after the period)
    // T0+12h: P1, P2, P3 provisional → settled 4 − 3 = 1 (E): durable 0/1, error (0 failed + 0 reversed)/1
    const early = { items_handled: 4, n_provisional: 3, durable_rate: [0, 1], error_rate: [0, 1] };
    // T0+1.5d: P2 reversed (rework at T0+1d); P1, P3 provisional → settled 2: durable 0/2, error 1/2
    const middle = { items_handled: 4, n_provisional: 2, durable_rate: [0, 2], error_rate: [0.5, 2] };
    // T0+10d: P1, P3 durable, P2 reversed → settled 4: durable 2/4, error 1/4
    const late = { items_handled: 4, n_provisional: 0, durable_rate: [0.5, 4], error_rate: [0.25, 4] };

    expect(await kpisAsOf(T0 + 12 * HOUR)).toEqual(early);
    expect(await kpisAsOf(T0 + 36 * HOUR)).toEqual(middle);
    expect(await kpisAsOf(T0 + 10 * DAY)).toEqual(late);

    // the job records what the states already said; answers as of any time do not move
    await closeDurabilityWindows(at(ctx, T0 + 10 * DAY));
    expect(await kpisAsOf(T0 + 12 * HOUR)).toEqual(early);
    expect(await kpisAsOf(T0 + 36 * HOUR)).toEqual(middle);
    expect(await kpisAsOf(T0 + 10 * DAY)).toEqual(late);
  });
});
