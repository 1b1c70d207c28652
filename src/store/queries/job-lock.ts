import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Take a transaction-scoped advisory lock so one replica runs a job; true when taken. Where the
 * engine has no advisory locks (SQLite: one process owns the file), the lock is always taken.
 */
export async function tryJobLock(
  db: Kysely<Database>,
  name: string,
  hasAdvisoryLocks: boolean,
): Promise<boolean> {
  if (!hasAdvisoryLocks) return true;
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(hashtext(${name})) as locked`.execute(db);
  return result.rows[0]?.locked === true;
}

/**
 * Run `fn` holding a session advisory lock on one reserved connection, so one replica runs the job, while
 * `fn` itself writes in its own short transactions on the other connections (a job must never hold one
 * transaction, and on SQLite the one connection, for its whole run). Null when another holder has it.
 */
export async function withJobLock<T>(
  db: Kysely<Database>,
  name: string,
  hasAdvisoryLocks: boolean,
  fn: () => Promise<T>,
): Promise<{ result: T } | null> {
  if (!hasAdvisoryLocks) return { result: await fn() };
  return db.connection().execute(async (connection) => {
    const taken = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(hashtext(${name})) as locked`.execute(connection);
    if (taken.rows[0]?.locked !== true) return null;
    try {
      return { result: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection);
    }
  });
}
