import type { Kysely } from 'kysely';

/**
 * A version per tenant × grain × period of the rollups, raised in the transaction of every write to that
 * period's rollup rows (and for every period when a rebuild drops them): a reader that kept what it
 * computed from a settled period knows, by one small read, whether the period has changed since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rollup_periods')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_periods_pk', ['tenant_id', 'grain', 'period_start'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rollup_periods').execute();
}
