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
