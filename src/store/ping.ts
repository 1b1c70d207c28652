import { sql, type Kysely } from 'kysely';
import { WorkledgerError } from '../domain/errors.js';
import type { Database } from './schema.js';

/** Resolve once the database answers `select 1`; UNAVAILABLE when it fails or takes over `timeoutMs`. */
export async function pingDatabase(db: Kysely<Database>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WorkledgerError('UNAVAILABLE', `the database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([sql`select 1 as ok`.execute(db), late]);
  } finally {
    clearTimeout(timer);
  }
}
