import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type TenantRow = Database['tenants'];

export async function insertTenant(db: Kysely<Database>, row: TenantRow): Promise<void> {
  await db.insertInto('tenants').values(row).execute();
}

export async function getTenant(db: Kysely<Database>, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTenants(db: Kysely<Database>): Promise<TenantRow[]> {
  return db.selectFrom('tenants').selectAll().orderBy('created_at').execute();
}

/** Row lock that serialises audit appends of one tenant (a no-op where the engine locks the file). */
export async function lockTenant(db: Kysely<Database>, id: string, supportsRowLocks: boolean): Promise<void> {
  const query = db.selectFrom('tenants').select('id').where('id', '=', id);
  await (supportsRowLocks ? query.forUpdate() : query).execute();
}
