import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';
import { bulkInsert } from '../bulk-write.js';
import { ITEM_COLUMN_NAMES, ITEM_ROW_MARKS } from '../../domain/item-model.js';

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

/** Every column of an item row: the row's own marks, then the item's fields (the one field list). */
const ITEM_COLUMNS = [...ITEM_ROW_MARKS, ...ITEM_COLUMN_NAMES] satisfies readonly (keyof ItemRow)[];

// A column added to the table and forgotten here fails to compile.
type MissingItemColumn = Exclude<keyof ItemRow, (typeof ITEM_COLUMNS)[number]>;
const NO_MISSING_ITEM_COLUMN: [MissingItemColumn] extends [never] ? true : MissingItemColumn = true;
void NO_MISSING_ITEM_COLUMN;

/** What a newer version of an item replaces: everything but its identity, source and verification marks. */
const ITEM_REPLACED = ITEM_COLUMNS.filter(
  (c) => !['tenant_id', 'id', 'source', 'external_id', 'disputed_at', 'durable_at'].includes(c),
);

/**
 * Insert or replace rows; a stored row is replaced only by a strictly newer `updated_at`, so a
 * late older update or a concurrent replay changes nothing.
 */
export async function upsertItems(
  db: Kysely<Database>,
  rows: readonly ItemRow[],
  maxParameters: number,
): Promise<void> {
  await bulkInsert(db, 'items', ITEM_COLUMNS, rows, maxParameters, {
    kind: 'update',
    key: ['tenant_id', 'id'],
    columns: ITEM_REPLACED,
    whereNewer: 'updated_at',
  });
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
      // No "settles_at is not null" here: the caller read these ids as due in this transaction, and that
      // condition made SQLite scan the whole pending index for every chunk instead of reading by key.
      .execute();
  }
}
