import { expect, it } from 'vitest';
import { itemId } from '../../src/domain/item-record.js';
import type { Ctx } from '../../src/services/context.js';
import { getItem } from '../../src/services/kpis/read-items.js';
import { getKpis } from '../../src/services/kpis/get-kpis.js';
import { forEachEngine } from '../helpers/engines.js';
import { at, countRows, DAY, HOUR, ingest, iso, newTenant, type RawItem } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 2, 3); // 2025-03-03T00:00:00Z
const NOW = T0 + 60 * DAY;

/** An agent-resolved ticket of `servicenow`, opened at T0 and resolved an hour later, updated then. */
function ticket(externalId: string, overrides: Partial<RawItem> = {}): RawItem {
  return {
    source: 'servicenow',
    external_id: externalId,
    workflow: 'it',
    category: 'password',
    priority: 3,
    channel: 'portal',
    opened_at: iso(T0),
    resolved_at: iso(T0 + HOUR),
    handled_by: 'agent-a',
    outcome: 'resolved',
    updated_at: iso(T0 + HOUR),
    ...overrides,
  };
}

forEachEngine('item ingestion', ({ store }) => {
  async function itemRow(ctx: Ctx, source: string, externalId: string) {
    return store()
      .db.selectFrom('items')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('source', '=', source)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
  }

  it('keys items by (source, external_id) and updates the one item in place', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    // the same external id in two sources is two items
    const first = await ingest(ctx, [ticket('INC1'), ticket('INC1', { source: 'jira' })]);
    expect(first).toMatchObject({ accepted: 2, created: 2, updated: 0, unchanged: 0, errors: [] });

    // a newer version of servicenow/INC1 replaces it; jira/INC1 is untouched
    const second = await ingest(ctx, [
      ticket('INC1', { category: 'vpn', reopen_count: 0, updated_at: iso(T0 + 2 * HOUR) }),
    ]);
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await countRows(ctx, 'items')).toBe(2);
    const row = await itemRow(ctx, 'servicenow', 'INC1');
    expect(row).toMatchObject({
      id: itemId('servicenow', 'INC1'),
      category: 'vpn',
      updated_at: T0 + 2 * HOUR,
      opened_at: T0,
      resolved_at: T0 + HOUR,
    });
    expect((await itemRow(ctx, 'jira', 'INC1'))?.category).toBe('password');
  });

  it('changes nothing when the same batch is sent again: counts, rows and audit chain', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const batch = [
      ticket('A'),
      ticket('B', { outcome: 'escalated', resolved_at: null }),
      ticket('C', { links: [{ kind: 'caused_by', source: 'servicenow', external_id: 'A' }] }),
    ];
    expect(await ingest(ctx, batch)).toMatchObject({ accepted: 3, created: 3, updated: 0, unchanged: 0 });
    const rowsBefore = await Promise.all(['A', 'B', 'C'].map((id) => itemRow(ctx, 'servicenow', id)));
    const auditBefore = await countRows(ctx, 'audit_entries');
    const linksBefore = await store()
      .db.selectFrom('item_links')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .execute();

    // replayed a day later: ingested_at would move if anything were rewritten
    const replay = await ingest(at(ctx, NOW + DAY), batch);
    expect(replay).toMatchObject({ accepted: 3, created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await Promise.all(['A', 'B', 'C'].map((id) => itemRow(ctx, 'servicenow', id)))).toEqual(
      rowsBefore,
    );
    expect(await countRows(ctx, 'audit_entries')).toBe(auditBefore);
    expect(
      await store().db.selectFrom('item_links').selectAll().where('tenant_id', '=', ctx.tenantId).execute(),
    ).toEqual(linksBefore);
  });

  it('stores a batch larger than one INSERT statement holds, and replays it unchanged', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    // 28 columns a row: SQLite takes 32 000 / 28 = 1 142 rows a statement, PostgreSQL 60 000 / 28 = 2 142
    const batch = Array.from({ length: 2_500 }, (_, i) =>
      ticket(`BULK-${i}`, {
        opened_at: iso(T0 + i * 1_000),
        resolved_at: iso(T0 + i * 1_000 + HOUR),
        updated_at: iso(T0 + i * 1_000 + HOUR),
        links: i > 0 ? [{ kind: 'follow_up_of', source: 'servicenow', external_id: `BULK-${i - 1}` }] : [],
      }),
    );
    expect(await ingest(ctx, batch)).toMatchObject({
      accepted: 2_500,
      created: 2_500,
      updated: 0,
      unchanged: 0,
    });
    expect(await countRows(ctx, 'items')).toBe(2_500);
    expect(await countRows(ctx, 'item_links')).toBe(2_499);
    expect(await ingest(ctx, batch)).toMatchObject({ created: 0, updated: 0, unchanged: 2_500 });
  });

  it('keeps the newest updated_at; a late older update changes nothing', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const v1 = ticket('X', { outcome: 'open', resolved_at: null, updated_at: iso(T0 + 10 * 60_000) });
    const v2 = ticket('X', { outcome: 'escalated', resolved_at: null, updated_at: iso(T0 + 30 * 60_000) });
    const v3 = ticket('X', { resolved_at: iso(T0 + 50 * 60_000), updated_at: iso(T0 + 50 * 60_000) });

    expect(await ingest(ctx, [v1])).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(await ingest(ctx, [v3])).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const auditBefore = await countRows(ctx, 'audit_entries');
    const rowBefore = await itemRow(ctx, 'servicenow', 'X');

    // v2 is older than the stored v3: unchanged, no row or audit change
    expect(await ingest(ctx, [v2])).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await itemRow(ctx, 'servicenow', 'X')).toEqual(rowBefore);
    expect(rowBefore).toMatchObject({ outcome: 'resolved', updated_at: T0 + 50 * 60_000 });
    expect(await countRows(ctx, 'audit_entries')).toBe(auditBefore);
  });

  it('keeps the newest of duplicate keys within one batch, wherever it sits', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    const batch = [
      ticket('D', { category: 'second', updated_at: iso(T0 + 2 * HOUR) }),
      ticket('D', { category: 'newest', updated_at: iso(T0 + 3 * HOUR) }),
      ticket('D', { category: 'first', updated_at: iso(T0 + HOUR) }),
      // equal updated_at: the later record in the batch wins
      ticket('E', { category: 'earlier', updated_at: iso(T0 + HOUR) }),
      ticket('E', { category: 'later', updated_at: iso(T0 + HOUR) }),
    ];
    // 5 records, 2 keys: 2 created, the 3 superseded duplicates count as unchanged
    expect(await ingest(ctx, batch)).toMatchObject({ accepted: 5, created: 2, updated: 0, unchanged: 3 });
    expect(await countRows(ctx, 'items')).toBe(2);
    expect((await itemRow(ctx, 'servicenow', 'D'))?.category).toBe('newest');
    expect((await itemRow(ctx, 'servicenow', 'E'))?.category).toBe('later');
  });

  it('honours a link whichever of the two items arrives first', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    // Target first, then the follow-up naming it (opened a day after the target resolved).
    await ingest(ctx, [ticket('T-first')]);
    await ingest(ctx, [
      ticket('L-after', {
        opened_at: iso(T0 + DAY),
        resolved_at: null,
        outcome: 'open',
        handled_by: 'human',
        updated_at: iso(T0 + DAY),
        links: [{ kind: 'follow_up_of', source: 'servicenow', external_id: 'T-first' }],
      }),
    ]);
    // Linker first, naming an item nobody has sent yet; the target arrives later.
    await ingest(ctx, [
      ticket('L-before', {
        opened_at: iso(T0 + DAY),
        resolved_at: null,
        outcome: 'open',
        handled_by: 'human',
        updated_at: iso(T0 + DAY),
        links: [{ kind: 'caused_by', source: 'servicenow', external_id: 'T-later' }],
      }),
    ]);
    await ingest(ctx, [ticket('T-later')]);

    for (const [target, linker, kind] of [
      ['T-first', 'L-after', 'follow_up_of'],
      ['T-later', 'L-before', 'caused_by'],
    ] as const) {
      const item = await getItem({ ctx, input: { source: 'servicenow', externalId: target } });
      expect(item.linked_from).toEqual([
        { kind, source: 'servicenow', external_id: linker, opened_at: iso(T0 + DAY) },
      ]);
      // rework opened 1 d − 1 h after resolution, inside the 7-day window: the resolution is reversed
      expect(item.verification).toMatchObject({
        state: 'reversed',
        reversed_at: iso(T0 + DAY),
        reversal_reason: 'rework',
      });
    }
    // both agent resolutions caused rework: rework_rate = 2 ÷ 2
    const kpis = await getKpis({ ctx, input: { filter: { from: T0, to: T0 + HOUR }, groupBy: [] } });
    expect(kpis.groups[0]?.kpis.rework_rate).toMatchObject({ value: 1, n: 2 });
  });

  it('reverses an agent resolution when the item is reopened or reassigned to a human', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await ingest(ctx, [ticket('R1'), ticket('R2'), ticket('R3')]);
    await ingest(ctx, [
      // reopened, then resolved again by the agent: reopen_count 0 → 1
      ticket('R1', {
        reopen_count: 1,
        resolved_at: iso(T0 + 5 * HOUR),
        updated_at: iso(T0 + 5 * HOUR),
      }),
      // handed to a human
      ticket('R2', { handled_by: 'human', updated_at: iso(T0 + 6 * HOUR) }),
      // an unrelated field changed: no reversal
      ticket('R3', { csat: 5, updated_at: iso(T0 + 7 * HOUR) }),
    ]);
    const r1 = await itemRow(ctx, 'servicenow', 'R1');
    expect(r1).toMatchObject({ reversed_at: T0 + 5 * HOUR, reversal_reason: 'reopened' });
    const r2 = await itemRow(ctx, 'servicenow', 'R2');
    expect(r2).toMatchObject({ reversed_at: T0 + 6 * HOUR, reversal_reason: 'reassigned' });
    expect(await itemRow(ctx, 'servicenow', 'R3')).toMatchObject({
      reversed_at: null,
      reversal_reason: null,
    });

    const view = await getItem({ ctx, input: { source: 'servicenow', externalId: 'R1' } });
    expect(view.verification).toMatchObject({
      state: 'reversed',
      reversed_at: iso(T0 + 5 * HOUR),
      reversal_reason: 'reopened',
    });
    // as of before the reopen (T0 + 2 h) it was still a provisional resolution
    const earlier = await getItem({
      ctx,
      input: { source: 'servicenow', externalId: 'R1', asOf: T0 + 2 * HOUR },
    });
    expect(earlier.verification.state).toBe('provisional');
  });
});
