import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type SessionRow = Database['sessions'];

/** A session with its user's current email and role (a role change applies to open sessions). */
export interface SessionWithUser extends SessionRow {
  email: string;
  role: string;
  disabled_at: number | null;
}

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session whose id (the token's hash) is `id`, joined to its user; undefined when either is gone. */
export async function findSessionById(
  db: Kysely<Database>,
  id: string,
): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) =>
      join.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'),
    )
    .selectAll('s')
    .select(['u.email', 'u.role', 'u.disabled_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Drop a user's expired sessions (run at sign-in, so the table does not grow without bound). */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  now: number,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('expires_at', '<=', now)
    .execute();
}

/** Sign a user out everywhere (after a password change). */
export async function deleteUserSessions(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
}
