import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openStore, type Store } from '../src/store/connect.js';

/** One engine under test: the Workledger store on it, and the engine's own bulk insert as the baseline. */
export interface EngineTarget {
  readonly name: 'SQLite' | 'PostgreSQL';
  readonly store: Store;
  /** Engine version and durability settings, for RESULTS.md. */
  readonly description: string;
  /** Rows of `items` Workledger stored for this tenant, as positional values in table column order. */
  readItemRows(tenantId: string): Promise<unknown[][]>;
  /** Recreate `items_copy` (same columns, keys and indexes as `items`), then time inserting `rows`: ms. */
  timeBulkInsert(rows: readonly unknown[][], batchSize: number): Promise<number>;
  close(): Promise<void>;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** SQLite in a fresh temp file; the baseline is a second better-sqlite3 connection with the same pragmas. */
export async function openSqliteTarget(): Promise<EngineTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-bench-'));
  const file = path.join(dir, 'ledger.db');
  const store = await openStore({ sqlitePath: file });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  const version = raw.prepare('select sqlite_version() as v').get() as { v: string };
  const bindingVersion = (
    createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }
  ).version;
  // Columns of `items` in table order, read from the engine itself so the copy matches exactly.
  const itemColumns = raw
    .prepare("select name from pragma_table_info('items') order by cid")
    .all()
    .map((r) => (r as { name: string }).name);
  const ddl = raw
    .prepare("select sql from sqlite_master where tbl_name = 'items' and sql is not null order by type desc")
    .all()
    .map((r) => (r as { sql: string }).sql.replaceAll('"items', '"items_copy'));
  return {
    name: 'SQLite',
    store,
    description: `SQLite ${version.v} (better-sqlite3 ${bindingVersion}), journal_mode=WAL, synchronous=FULL`,
    async readItemRows(tenantId) {
      const select = raw.prepare(`select * from items where tenant_id = ? order by rowid`).raw(true);
      return select.all(tenantId) as unknown[][];
    },
    async timeBulkInsert(rows, batchSize) {
      raw.exec('drop table if exists items_copy');
      for (const statement of ddl) raw.exec(statement);
      const insert = raw.prepare(
        `insert into items_copy (${itemColumns.map(quoted).join(', ')}) values (${itemColumns.map(() => '?').join(', ')})`,
      );
      const insertBatch = raw.transaction((batch: readonly unknown[][]) => {
        for (const row of batch) insert.run(row);
      });
      const started = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) insertBatch(rows.slice(i, i + batchSize));
      return performance.now() - started;
    },
    async close() {
      raw.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const BENCH_DATABASE = 'workledger_bench';

/** Drop and create the bench database; returns null when ready, else why the server is unreachable. */
async function recreateBenchDatabase(server: string, drop: boolean): Promise<string | null> {
  const admin = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    if (!drop) await admin.query(`create database ${BENCH_DATABASE}`);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** PostgreSQL in a fresh `workledger_bench` database, or the reason it is unreachable. */
export async function openPostgresTarget(server: string): Promise<EngineTarget | { unreachable: string }> {
  const problem = await recreateBenchDatabase(server, false);
  if (problem !== null) return { unreachable: problem };
  const url = `${server}/${BENCH_DATABASE}`;
  const store = await openStore({ databaseUrl: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const setting = async (name: string) =>
    ((await client.query<{ value: string }>(`select current_setting($1) as value`, [name])).rows[0]?.value ??
      '?') as string;
  const description =
    `PostgreSQL ${await setting('server_version')}, fsync=${await setting('fsync')}, ` +
    `synchronous_commit=${await setting('synchronous_commit')}, shared_buffers=${await setting('shared_buffers')}`;
  // Columns of `items` in table order with their element types, so one array parameter carries each column.
  const itemColumns = (
    await client.query<{ name: string; type: string }>(
      `select column_name as name, udt_name as type from information_schema.columns
        where table_name = 'items' order by ordinal_position`,
    )
  ).rows;
  const insertBatch = `insert into items_copy (${itemColumns.map((c) => quoted(c.name)).join(', ')})
    select * from unnest(${itemColumns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
  return {
    name: 'PostgreSQL',
    store,
    description,
    async readItemRows(tenantId) {
      const result = await client.query({
        text: `select * from items where tenant_id = $1 order by ctid`,
        values: [tenantId],
        rowMode: 'array',
      });
      return result.rows as unknown[][];
    },
    async timeBulkInsert(rows, batchSize) {
      await client.query('drop table if exists items_copy');
      await client.query('create table items_copy (like items including all)');
      const started = performance.now();
      for (let i = 0; i < rows.length; i += batchSize) {
        const batch = rows.slice(i, i + batchSize);
        // One statement per batch, so its implicit transaction is the batch's one commit.
        await client.query(
          insertBatch,
          itemColumns.map((_c, column) => batch.map((row) => row[column])),
        );
      }
      return performance.now() - started;
    },
    async close() {
      await client.end();
      await store.close();
      await recreateBenchDatabase(server, true);
    },
  };
}
