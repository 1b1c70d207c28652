import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';

export type ItemRow = Database['items'];
export type ItemLinkRow = Database['item_links'];

/** Stored rows for these item ids (any order). */
export async function getItemsByIds(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<ItemRow[]> {
  const rows: ItemRow[] = [];
  for (const chunk of chunkRows(ids, 1, 5_000)) {
    rows.push(
      ...(await db
        .selectFrom('items')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return rows;
}

const ITEM_COLUMNS = 31;

/**
 * Insert or replace rows; a stored row is replaced only by a strictly newer `updated_at`, so a
 * late older update or a concurrent replay changes nothing.
 */
export async function upsertItems(
  db: Kysely<Database>,
  rows: readonly ItemRow[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(rows, ITEM_COLUMNS, maxParameters)) {
    await db
      .insertInto('items')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'id'])
          .doUpdateSet((eb) => ({
            workflow: eb.ref('excluded.workflow'),
            category: eb.ref('excluded.category'),
            priority: eb.ref('excluded.priority'),
            channel: eb.ref('excluded.channel'),
            opened_at: eb.ref('excluded.opened_at'),
            first_response_at: eb.ref('excluded.first_response_at'),
            resolved_at: eb.ref('excluded.resolved_at'),
            closed_at: eb.ref('excluded.closed_at'),
            reassignment_count: eb.ref('excluded.reassignment_count'),
            reopen_count: eb.ref('excluded.reopen_count'),
            handled_by: eb.ref('excluded.handled_by'),
            outcome: eb.ref('excluded.outcome'),
            confidence: eb.ref('excluded.confidence'),
            state_change_verified: eb.ref('excluded.state_change_verified'),
            csat: eb.ref('excluded.csat'),
            sla_met: eb.ref('excluded.sla_met'),
            attributes: eb.ref('excluded.attributes'),
            handoff_minutes: eb.ref('excluded.handoff_minutes'),
            settles_at: eb.ref('excluded.settles_at'),
            rework_opened_at: eb.ref('excluded.rework_opened_at'),
            updated_at: eb.ref('excluded.updated_at'),
            reversed_at: eb.ref('excluded.reversed_at'),
            reversal_reason: eb.ref('excluded.reversal_reason'),
            content_hash: eb.ref('excluded.content_hash'),
            ingested_at: eb.ref('excluded.ingested_at'),
          }))
          .where(({ eb, ref }) => eb('items.updated_at', '<', ref('excluded.updated_at'))),
      )
      .execute();
  }
}

/** The columns an event older than the stored version may change: its counters and what follows from them. */
export type ItemCounterChange = Pick<
  ItemRow,
  | 'reassignment_count'
  | 'reopen_count'
  | 'reversed_at'
  | 'reversal_reason'
  | 'settles_at'
  | 'content_hash'
  | 'ingested_at'
>;

/** Change an item's counters (and their reversal) and nothing else; its version stays as it is. */
export async function saveItemCounters(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  change: ItemCounterChange,
): Promise<void> {
  await db.updateTable('items').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Replace the outgoing links of these items with `links`. */
export async function replaceItemLinks(
  db: Kysely<Database>,
  tenantId: string,
  fromItemIds: readonly string[],
  links: readonly ItemLinkRow[],
  maxParameters: number,
): Promise<void> {
  for (const chunk of chunkRows(fromItemIds, 1, 5_000)) {
    await db
      .deleteFrom('item_links')
      .where('tenant_id', '=', tenantId)
      .where('from_item_id', 'in', chunk)
      .execute();
  }
  for (const chunk of chunkRows(links, 5, maxParameters)) {
    await db
      .insertInto('item_links')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** Mark items durable (window closed) or reversed by rework, as the durability job decides. */
export async function setItemVerification(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  change:
    | { durable_at: number; settles_at: null }
    | { reversed_at: number; reversal_reason: string; settles_at: null },
): Promise<void> {
  await db.updateTable('items').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The outgoing links of these items, as stored (for the digests of rows a batch changed indirectly). */
export async function listOutgoingLinks(
  db: Kysely<Database>,
  tenantId: string,
  fromItemIds: readonly string[],
): Promise<ItemLinkRow[]> {
  const links: ItemLinkRow[] = [];
  for (const chunk of chunkRows(fromItemIds, 1, 5_000)) {
    links.push(
      ...(await db
        .selectFrom('item_links')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('from_item_id', 'in', chunk)
        .execute()),
    );
  }
  return links;
}

/** Record these pending items as durable: their window closed at settles_at, so that is when. */
export async function markDurable(
  db: Kysely<Database>,
  tenantId: string,
  ids: readonly string[],
): Promise<void> {
  for (const chunk of chunkRows(ids, 1, 5_000)) {
    if (chunk.length === 0) continue;
    await db
      .updateTable('items')
      .set((eb) => ({ durable_at: eb.ref('settles_at'), settles_at: null }))
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', chunk)
      .where('settles_at', 'is not', null)
      .execute();
  }
}
