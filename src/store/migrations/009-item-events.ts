import type { Kysely } from 'kysely';

/**
 * The source events (Jira webhooks) applied to each item, so each one adds its reassignments and
 * reopens once whatever order it arrives in, and a replay adds nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('item_events')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_at', 'bigint', (c) => c.notNull())
    .addColumn('counted_through', 'bigint')
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_events_pk', ['tenant_id', 'item_id', 'event_id'])
    .execute();
}

/** Drop the applied events table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('item_events').ifExists().execute();
}
