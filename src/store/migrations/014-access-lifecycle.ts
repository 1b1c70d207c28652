import type { Kysely } from 'kysely';

/**
 * API keys that expire (`expires_at`, null: never) and users that can be disabled (`disabled_at`, null:
 * active). Both columns count in their rows' audit digests only once set, so rows written before this
 * migration keep the digests their audit leaves recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('disabled_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('disabled_at').execute();
  await db.schema.alterTable('api_keys').dropColumn('expires_at').execute();
}
