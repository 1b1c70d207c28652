import type { Kysely } from 'kysely';

/** Dashboard users (scrypt password hashes, one role each) and their sign-in sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('users_email', ['tenant_id', 'email'])
    .execute();
  // Sign-in without a tenant looks the email up across tenants.
  await db.schema.createIndex('users_by_email').on('users').column('email').execute();

  // `id` is the SHA-256 of the cookie's token: a leaked table does not sign anyone in.
  await db.schema
    .createTable('sessions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('sessions_by_id').on('sessions').column('id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sessions', 'users']) await db.schema.dropTable(table).ifExists().execute();
}
