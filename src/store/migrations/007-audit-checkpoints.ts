import type { Kysely } from 'kysely';

/**
 * Verification that covers the data: an index to find the latest leaf of a row's subject, signed
 * checkpoints of each tenant's chain, and the webhook each tenant's checkpoints are copied to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_leaves_subject')
    .on('audit_leaves')
    .columns(['tenant_id', 'subject', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('delivery_error', 'text')
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['tenant_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_checkpoint_webhooks')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text')
    .addColumn('secret', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drop what up() added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoint_webhooks').ifExists().execute();
  await db.schema.dropTable('audit_checkpoints').ifExists().execute();
  await db.schema.dropIndex('audit_leaves_subject').ifExists().execute();
}
