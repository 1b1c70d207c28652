import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** One row of `item_events` (migration 009): a source event applied to an item. */
export interface ItemEventTable {
  tenant_id: string;
  item_id: string;
  event_id: string;
  /** The event's time: the `updated_at` of the version it carried. */
  event_at: number;
  /** Through when the item's counters were a full recount (an import) when the event was applied. */
  counted_through: number | null;
  applied_at: number;
}
export type ItemEventRow = ItemEventTable;

/** What the store knows of the events applied to one item. */
export interface ItemEventState {
  /** Whether the event asked about was applied already. */
  applied: boolean;
  /** The newest `event_at` of the item's applied events, or null when none was. */
  newestEventAt: number | null;
  /** The newest `counted_through` of the item's applied events. */
  countedThrough: number | null;
}

// The table is typed here rather than in schema.ts, so this feature's migration and queries stay together.
function withItemEvents(db: Kysely<Database>) {
  return db.withTables<{ item_events: ItemEventTable }>();
}

/** Whether `eventId` was applied to the item, and the newest times of the events that were. */
export async function getItemEventState(
  db: Kysely<Database>,
  tenantId: string,
  itemId: string,
  eventId: string,
): Promise<ItemEventState> {
  const ofItem = withItemEvents(db)
    .selectFrom('item_events')
    .where('tenant_id', '=', tenantId)
    .where('item_id', '=', itemId);
  const applied = await ofItem.select('event_id').where('event_id', '=', eventId).executeTakeFirst();
  const newest = await ofItem
    .select((eb) => [
      eb.fn.max<number | null>('event_at').as('newest_event_at'),
      eb.fn.max<number | null>('counted_through').as('counted_through'),
    ])
    .executeTakeFirst();
  return {
    applied: applied !== undefined,
    newestEventAt: newest?.newest_event_at ?? null,
    countedThrough: newest?.counted_through ?? null,
  };
}

/** Record that an event was applied to an item (once: a second insert of it is a conflict). */
export async function insertItemEvent(db: Kysely<Database>, row: ItemEventRow): Promise<void> {
  await withItemEvents(db).insertInto('item_events').values(row).execute();
}
