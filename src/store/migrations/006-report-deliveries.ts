import type { Kysely } from 'kysely';

/**
 * Weekly report delivery: per-tenant targets (webhooks with an optional HMAC secret, email recipients),
 * each built report (the outbox's payload), and one log row per delivery to one target.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_delivery_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('webhooks', 'text', (c) => c.notNull())
    .addColumn('emails', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_runs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('built_at', 'bigint', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_runs_pk', ['tenant_id', 'week'])
    .execute();

  await db.schema
    .createTable('report_deliveries')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('queued_at', 'bigint', (c) => c.notNull())
    .addColumn('attempted_at', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('report_deliveries_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('report_deliveries_target', ['tenant_id', 'week', 'channel', 'target'])
    .execute();
  await db.schema
    .createIndex('report_deliveries_status')
    .on('report_deliveries')
    .columns(['status', 'queued_at'])
    .execute();
}

/** Drop the tables of up(). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_deliveries', 'report_runs', 'report_delivery_settings'])
    await db.schema.dropTable(table).ifExists().execute();
}
