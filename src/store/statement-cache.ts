import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements stay prepared; ingestion repeats a handful of shapes. */
const CAPACITY = 256;

/**
 * The database Kysely's SQLite dialect talks to, with prepared statements reused by SQL text: the
 * dialect prepares every query anew, which cost about 5% of an ingest batch. One connection runs one
 * statement at a time, so a reused statement is never in use twice.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) {
        // re-insert to keep the map in least-recently-used order
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > CAPACITY) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
