import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store } from '../../src/store/connect.js';
import type { Engine } from '../../src/store/dialect.js';

/**
 * The two real engines every store test runs on (STYLE.md, Tests): SQLite in a fresh temp file, and
 * PostgreSQL in the dedicated database `workledger_test`, created on first use. PostgreSQL is skipped
 * with a warning when unreachable, except in CI (CI=true), where its suites fail instead.
 */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

const PG_SERVER = (process.env.WORKLEDGER_TEST_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const PG_DATABASE = 'workledger_test';
export const PG_TEST_URL = `${PG_SERVER}/${PG_DATABASE}`;

const inCi = ['true', '1'].includes((process.env.CI ?? '').toLowerCase());

// duplicate_database, or the unique index on pg_database when two workers create it at the same instant
const ALREADY_EXISTS = new Set(['42P04', '23505']);

function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Connect to the server's `postgres` database and create the test database if missing; null when ready. */
async function preparePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const found = await client.query('select 1 from pg_database where datname = $1', [PG_DATABASE]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${PG_DATABASE}`);
      } catch (error) {
        if (!ALREADY_EXISTS.has(pgErrorCode(error) ?? '')) throw error;
      }
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await preparePostgres();
if (pgProblem !== null && !inCi)
  console.warn(
    `PostgreSQL store tests SKIPPED: ${PG_SERVER} is unreachable (${pgProblem}). ` +
      'Start PostgreSQL on 127.0.0.1:5432 (user postgres) to run them; with CI=true they fail instead.',
  );

/** An open store of `engine` and how to dispose of it; migrations have run. */
export async function openTestStore(engine: Engine): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-test-'));
    const store = await openStore({ sqlitePath: path.join(dir, 'ledger.db') });
    return {
      store,
      dispose: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (pgProblem !== null)
    throw new Error(`PostgreSQL is required (CI=true) but ${PG_SERVER} is unreachable: ${pgProblem}`);
  const store = await openStore({ databaseUrl: PG_TEST_URL });
  return { store, dispose: () => store.close() };
}

/** The PostgreSQL server without a database, for suites that open their own stores or databases. */
export const PG_SERVER_URL = PG_SERVER;

/** `describe` for a PostgreSQL-only suite: skipped with a warning when unreachable, failing in CI. */
export function describePostgres(title: string, body: () => void): void {
  const skip = pgProblem !== null && !inCi;
  (skip ? describe.skip : describe)(`${title} [postgres]${skip ? ' (PostgreSQL unreachable)' : ''}`, () => {
    beforeAll(() => {
      if (pgProblem !== null)
        throw new Error(`PostgreSQL is required (CI=true) but ${PG_SERVER} is unreachable: ${pgProblem}`);
    });
    body();
  });
}

/** What a suite body gets: the engine's name and its store (open from beforeAll to afterAll). */
export interface EngineSuite {
  readonly engine: Engine;
  store(): Store;
}

/** Register `body` once per engine, as `title [sqlite]` and `title [postgres]`, each with its own store. */
export function forEachEngine(title: string, body: (suite: EngineSuite) => void): void {
  for (const engine of ENGINES) {
    const skip = engine === 'postgres' && pgProblem !== null && !inCi;
    const register = skip ? describe.skip : describe;
    register(`${title} [${engine}]${skip ? ' (PostgreSQL unreachable)' : ''}`, () => {
      let opened: { store: Store; dispose: () => Promise<void> } | undefined;
      beforeAll(async () => {
        opened = await openTestStore(engine);
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      body({
        engine,
        store: () => {
          if (!opened) throw new Error(`the ${engine} store is not open (did beforeAll fail?)`);
          return opened.store;
        },
      });
    });
  }
}
