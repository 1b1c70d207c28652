import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';
import { withStatementCache } from './statement-cache.js';
import { dialectHelpers, type Engine, type DialectHelpers } from './dialect.js';

export type StoreOptions = { sqlitePath: string } | { databaseUrl: string };

/** An open database: the one Kysely instance, its engine, and the engine's helpers. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly dialect: DialectHelpers;
  readonly location: string;
  close(): Promise<void>;
}

// int8 (bigint) and numeric come back from pg as strings; epoch ms and micro-units fit in a double.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Open the store chosen at start-up and bring its schema to the latest migration. */
export async function openStore(options: StoreOptions, { migrate = true } = {}): Promise<Store> {
  let db: Kysely<Database>;
  let engine: Engine;
  let location: string;
  if ('databaseUrl' in options) {
    engine = 'postgres';
    location = options.databaseUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, types: pgTypes });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    engine = 'sqlite';
    location = options.sqlitePath;
    const sqlite = new BetterSqlite3(options.sqlitePath);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a ledger that bills must survive power loss after it acknowledged a write.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  const store: Store = {
    db,
    engine,
    dialect: dialectHelpers(engine),
    location,
    close: () => db.destroy(),
  };
  if (migrate) await migrateToLatest(db);
  return store;
}
