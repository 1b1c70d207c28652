import type { Kysely } from 'kysely';

/** The hand-off minutes a source reports for an escalated or failed item (KPIS.md, Human oversight). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').addColumn('handoff_minutes', 'double precision').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').dropColumn('handoff_minutes').execute();
}
