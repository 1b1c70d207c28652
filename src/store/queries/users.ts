import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type UserRow = Database['users'];

export async function insertUser(db: Kysely<Database>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function getUser(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findUserByEmail(
  db: Kysely<Database>,
  tenantId: string,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Every user with this email, in any tenant (sign-in without a tenant). */
export async function listUsersByEmail(db: Kysely<Database>, email: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('tenant_id').execute();
}

export async function listUsers(db: Kysely<Database>, tenantId: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).orderBy('email').execute();
}

export async function updateUserPassword(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  passwordHash: string,
  updatedAt: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: updatedAt })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setUserDisabled(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled_at: at, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
