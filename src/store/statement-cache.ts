import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements stay prepared; ingestion repeats a handful of shapes. */
const CAPACITY = 256;
/**
 * How much SQL text the kept statements may hold in all: a multi-row INSERT of thousands of parameters
 * is worth keeping (full chunks repeat), but its prepared form holds memory in proportion to its length.
 */
const CAPACITY_CHARS = 4 * 1024 * 1024;

/**
 * The database Kysely's SQLite dialect talks to, with prepared statements reused by SQL text: the
 * dialect prepares every query anew, which cost about 5% of an ingest batch. One connection runs one
 * statement at a time, so a reused statement is never in use twice.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  let chars = 0;
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
      if (sql.length > CAPACITY_CHARS) return statement;
      cache.set(sql, statement);
      chars += sql.length;
      while (cache.size > CAPACITY || chars > CAPACITY_CHARS) {
        const oldest = cache.keys().next();
        if (oldest.done) break;
        cache.delete(oldest.value);
        chars -= oldest.value.length;
      }
      return statement;
    },
  };
}
