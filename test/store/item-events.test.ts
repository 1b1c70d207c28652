import { expect, it } from 'vitest';
import { acceptItemEvent, type ItemEventDraft } from '../../src/ingest/accept-items.js';
import type { Ctx } from '../../src/services/context.js';
import { getItem } from '../../src/services/kpis/read-items.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { forEachEngine } from '../helpers/engines.js';
import { DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 4, 1); // opened
const R = T0 + HOUR; // the agent resolved it
const NOW = T0 + 30 * DAY;

/** The agent-resolved ticket as a source event at `at` shows it. */
function resolvedAt(at: number, fields: Partial<RawItem> = {}): RawItem {
  return {
    source: 'tracker',
    external_id: 'T-1',
    opened_at: iso(T0),
    resolved_at: iso(R),
    handled_by: 'helpdesk-bot',
    priority: 3,
    updated_at: iso(at),
    ...fields,
  };
}

function event(id: string, counts: Partial<ItemEventDraft> = {}): ItemEventDraft {
  return { id, changed_at: null, reassignment_count: 0, reopen_count: 0, ...counts };
}

forEachEngine('source events applied to an item', ({ store }) => {
  const stored = (ctx: Ctx) => getItem({ ctx, input: { source: 'tracker', externalId: 'T-1' } });

  it('reverses an agent resolution once, at the time of a late reopen that follows it', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const t2 = R + 5 * HOUR;
    expect(await acceptItemEvent(ctx, resolvedAt(t2, { priority: 2 }), event('e2'))).toEqual({
      action: 'created',
      countersOnly: false,
    });

    // e1 (R + 2 h) arrives after e2: its reopen counts and reverses the resolution at its own time,
    // while e2's fields stay (priority 2, updated_at t2).
    const e1 = event('e1', { reopen_count: 1 });
    expect(await acceptItemEvent(ctx, resolvedAt(R + 2 * HOUR), e1)).toEqual({
      action: 'updated',
      countersOnly: true,
    });
    const reopened = await stored(ctx);
    expect(reopened).toMatchObject({
      reopen_count: 1,
      priority: 2,
      outcome: 'resolved',
      updated_at: iso(t2),
      verification: { state: 'reversed', reversed_at: iso(R + 2 * HOUR), reversal_reason: 'reopened' },
    });
    expect(reopened.audit).toHaveLength(2);

    // the replay adds nothing; an even later arrival of an earlier reopen counts, the reversal stays
    expect(await acceptItemEvent(ctx, resolvedAt(R + 2 * HOUR), e1)).toEqual({
      action: 'unchanged',
      why: 'replayed',
    });
    await acceptItemEvent(ctx, resolvedAt(R + HOUR), event('e0', { reopen_count: 1 }));
    expect(await stored(ctx)).toMatchObject({
      reopen_count: 2,
      verification: { reversed_at: iso(R + 2 * HOUR), reversal_reason: 'reopened' },
    });
    // an older event that adds nothing changes nothing, and is not kept as applied
    expect(await acceptItemEvent(ctx, resolvedAt(R + 3 * HOUR), event('e-noop'))).toEqual({
      action: 'unchanged',
      why: 'older',
    });
    expect((await stored(ctx)).audit).toHaveLength(3);
    expect(await verifyAudit({ ctx, input: { key: null } })).toMatchObject({ ok: true });
  });

  it('does not reverse a resolution with a reopen from before it', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await acceptItemEvent(ctx, resolvedAt(R + 5 * HOUR), event('e2'));
    // reopened at T0 + 30 min, before the agent resolved it at T0 + 1 h
    await acceptItemEvent(ctx, resolvedAt(T0 + HOUR / 2), event('e0', { reopen_count: 1 }));
    expect(await stored(ctx)).toMatchObject({
      reopen_count: 1,
      verification: { state: 'durable', reversed_at: null, reversal_reason: null },
    });
  });

  it('does not count again a change an import at least as new already counted', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const imported = R + 4 * HOUR;
    await ingest(ctx, [resolvedAt(imported, { handled_by: 'human', reopen_count: 3 })]);
    // a change from before the import: already in its counts
    const before = event('old', { reopen_count: 1, changed_at: iso(imported - HOUR) });
    expect(await acceptItemEvent(ctx, resolvedAt(imported - HOUR, { handled_by: 'human' }), before)).toEqual({
      action: 'unchanged',
      why: 'recounted',
    });
    // a change after it counts; then a late one from before the import still does not
    const after = event('new', { reassignment_count: 1, changed_at: iso(imported + HOUR) });
    await acceptItemEvent(ctx, resolvedAt(imported + HOUR, { handled_by: 'human' }), after);
    const late = event('late', { reopen_count: 1, changed_at: iso(imported - 2 * HOUR) });
    expect(
      await acceptItemEvent(ctx, resolvedAt(imported - 2 * HOUR, { handled_by: 'human' }), late),
    ).toMatchObject({ action: 'unchanged', why: 'recounted' });
    expect(await stored(ctx)).toMatchObject({
      reopen_count: 3,
      reassignment_count: 1,
      updated_at: iso(imported + HOUR),
    });
  });

  it('refuses an event id no engine stores as sent', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await expect(acceptItemEvent(ctx, resolvedAt(R), event('a\u0000b'))).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'event.id',
    });
  });
});
