import type { Kysely } from 'kysely';

/** Where each live pull of a tenant resumes: the newest `sys_updated_on` it has ingested, per instance. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_watermarks')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('watermark', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_watermarks_pk', ['tenant_id', 'source', 'instance'])
    .execute();
}

/** Drop the watermarks table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_watermarks').ifExists().execute();
}
