import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';
import { withStatementCache } from './statement-cache.js';
import { dialectHelpers, type Engine, type DialectHelpers } from './dialect.js';
import { withUnavailableErrors } from './unavailable-dialect.js';

/**
 * Where the store lives, with SQLite's `busyTimeoutMs` (default 5 s: how long a write waits for another
 * connection's lock before UNAVAILABLE) and PostgreSQL's `applicationName` (default `workledger`).
 */
export type StoreOptions =
  { sqlitePath: string; busyTimeoutMs?: number } | { databaseUrl: string; applicationName?: string };

/** An open database: the one Kysely instance, its engine, and the engine's helpers. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly dialect: DialectHelpers;
  readonly location: string;
  /** How it was opened, so a reader thread can open its own connection to the same database. */
  readonly options: StoreOptions;
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

// A pool that outlives its connections; docs/api.md (Health and readiness) gives each timeout's reason.
// No statement_timeout: KPI reads and migrations may run long, and pg's client-side query_timeout
// would hand a still-busy connection back to the pool.
function openPool(databaseUrl: string, applicationName: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    application_name: applicationName,
    max,
    types: pgTypes,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    lock_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // Without listeners a dropped connection's 'error' event ends the process. The pool has already
  // discarded a dead idle client; a checked-out one fails its query (503) and is discarded on release.
  const ignore = () => undefined;
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
}

/**
 * Open the store chosen at start-up and bring its schema to the latest migration; `readOnly` opens a
 * reader (a reader thread's own connection: SQLite read-only on the WAL file, a small PostgreSQL pool).
 */
export async function openStore(
  options: StoreOptions,
  { migrate = true, readOnly = false } = {},
): Promise<Store> {
  let db: Kysely<Database>;
  let engine: Engine;
  let location: string;
  if ('databaseUrl' in options) {
    engine = 'postgres';
    location = options.databaseUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    const pool = openPool(options.databaseUrl, options.applicationName ?? 'workledger', readOnly ? 3 : 10);
    db = new Kysely<Database>({ dialect: withUnavailableErrors(new PostgresDialect({ pool })) });
  } else {
    engine = 'sqlite';
    location = options.sqlitePath;
    const sqlite = new BetterSqlite3(
      options.sqlitePath,
      readOnly ? { readonly: true, fileMustExist: true } : {},
    );
    if (!readOnly) {
      sqlite.pragma('journal_mode = WAL');
      // FULL: a ledger that bills must survive power loss after it acknowledged a write.
      sqlite.pragma('synchronous = FULL');
    }
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    sqlite.pragma('foreign_keys = ON');
    // 32 MiB of page cache per connection (SQLite's default is 2 MiB): jobs and rollup writes touch
    // pages all over a large file, and each miss is a read from the OS.
    sqlite.pragma('cache_size = -32768');
    const dialect = new SqliteDialect({ database: withStatementCache(sqlite) });
    db = new Kysely<Database>({ dialect: withUnavailableErrors(dialect) });
  }
  const store: Store = {
    db,
    engine,
    dialect: dialectHelpers(engine),
    location,
    options,
    close: () => db.destroy(),
  };
  if (migrate) await migrateToLatest(db);
  return store;
}
