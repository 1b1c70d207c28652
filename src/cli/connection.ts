import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ClientResponse } from 'hono/client';
import { errorCodeOf, WorkledgerError } from '../domain/errors.js';
import { answerOf, apiClient, isApiError, type ApiClient, type SuccessBody } from '../http/client.js';
import { atOneInstant, type Ctx } from '../services/context.js';
import { openStore, type Store } from '../services/runtime.js';
import { listTenants } from '../services/config/tenant-settings.js';

/** Database flags shared by every command that opens the store directly. */
export interface DbFlags {
  db?: string;
  databaseUrl?: string;
}

/** Flags of commands that act on a tenant's data, directly or through a running server. */
export interface TenantFlags extends DbFlags {
  tenant?: string;
  url?: string;
  key?: string;
}

export const DEFAULT_DB = './workledger.db';
/** Written by `workledger demo` so later commands in the same folder reach its server without flags. */
export const DEMO_CONNECTION_FILE = '.workledger-demo.json';

const DemoConnection = z.object({ url: z.string(), key: z.string(), tenant: z.string() });

/**
 * Open the store the flags name. Only commands that set a database up (`create`: migrate, demo, serve,
 * tenants create) may create a SQLite file; every other command refuses a path where none exists, so a
 * mistyped `--db` is an error, not an empty answer from a database made on the spot.
 */
export async function openFromFlags(
  flags: DbFlags,
  env: NodeJS.ProcessEnv,
  { create = false }: { create?: boolean } = {},
): Promise<Store> {
  const databaseUrl = flags.databaseUrl ?? env.DATABASE_URL;
  if (flags.db && databaseUrl)
    throw new WorkledgerError('VALIDATION', '--db and --database-url exclude each other');
  if (databaseUrl) return openStore({ databaseUrl });
  const sqlitePath = flags.db ?? env.WORKLEDGER_DB ?? DEFAULT_DB;
  if (!create && !existsSync(sqlitePath))
    throw new WorkledgerError(
      'NOT_FOUND',
      `db: no database at ${sqlitePath} (check --db or WORKLEDGER_DB; \`workledger tenants create\` or \`workledger demo\` makes one)`,
      'db',
    );
  return openStore({ sqlitePath });
}

export type RemoteTarget = { kind: 'remote'; url: string; key: string };
export type Target = RemoteTarget | { kind: 'direct'; store: Store; ctx: Ctx };

/**
 * Run `direct` on the tenant's store (closing it after), or `remote` through the server: both give the
 * route's declared answer `T` (the service's answer type-checks against it).
 */
export async function onTarget<T>(
  target: Target,
  direct: (ctx: Ctx) => Promise<T>,
  remote: (target: RemoteTarget) => Promise<T>,
): Promise<T> {
  if (target.kind === 'remote') return remote(target);
  try {
    return await direct(target.ctx);
  } finally {
    await target.store.close();
  }
}

/**
 * Where a tenant command goes: --url/--key (or WORKLEDGER_URL/WORKLEDGER_KEY) through a server;
 * else --tenant with the database flags; else the demo's server recorded in this folder; else the
 * only tenant of the default database.
 */
export async function resolveTarget(
  flags: TenantFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Target> {
  const url = flags.url ?? env.WORKLEDGER_URL;
  const key = flags.key ?? env.WORKLEDGER_KEY;
  if (url || key) {
    if (!url || !key) throw new WorkledgerError('VALIDATION', '--url and --key go together');
    return { kind: 'remote', url: url.replace(/\/+$/, ''), key };
  }
  const hasDbFlags =
    flags.db !== undefined || flags.databaseUrl !== undefined || env.DATABASE_URL !== undefined;
  const demoFile = `${cwd}/${DEMO_CONNECTION_FILE}`;
  if (!flags.tenant && !hasDbFlags && existsSync(demoFile)) {
    const demo = DemoConnection.parse(JSON.parse(readFileSync(demoFile, 'utf8')));
    return { kind: 'remote', url: demo.url, key: demo.key };
  }
  const store = await openFromFlags(flags, env);
  let tenant = flags.tenant;
  if (!tenant) {
    const tenants = await listTenants(store);
    if (tenants.length !== 1 || !tenants[0]) {
      await store.close();
      throw new WorkledgerError(
        'VALIDATION',
        `--tenant is required (the database has ${tenants.length} tenants; see workledger tenants list)`,
        'tenant',
      );
    }
    tenant = tenants[0].id;
  }
  return {
    kind: 'direct',
    store,
    // one command, one instant: its reads as of now use the rollups, as the server's do
    ctx: atOneInstant({
      store,
      tenantId: tenant,
      actor: { kind: 'cli', user: env.USER ?? 'operator' },
      requestId: 'cli',
      now: Date.now,
    }),
  };
}

/** The typed client of a running server (the dashboard's client), signed in with the target's key. */
export function remoteClient(target: RemoteTarget): ApiClient {
  const reach: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      throw new WorkledgerError('INTERNAL', `cannot reach ${target.url}: ${(error as Error).message}`);
    }
  };
  return apiClient(target.url, { fetch: reach, headers: () => ({ authorization: `Bearer ${target.key}` }) });
}

/** The JSON answer of a call through `remoteClient`; the server's error answer becomes a WorkledgerError. */
export async function remoteAnswer<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R>,
): Promise<SuccessBody<R>> {
  try {
    return await answerOf(pending);
  } catch (error) {
    throw asCliError(error);
  }
}

/** The raw body of a success answer (a report as HTML, Markdown or PDF); an error answer as above. */
export async function remoteBytes(
  pending: Promise<ClientResponse<unknown, number, string>>,
): Promise<Uint8Array> {
  const response = await pending;
  if (!response.ok) {
    try {
      await answerOf(Promise.resolve(response));
    } catch (error) {
      throw asCliError(error);
    }
  }
  return new Uint8Array(await response.arrayBuffer());
}

function asCliError(error: unknown): unknown {
  if (!isApiError(error)) return error;
  const code = errorCodeOf(error.code) ?? 'INTERNAL';
  return new WorkledgerError(
    code,
    code === 'INTERNAL' ? `HTTP ${error.status}: ${error.message}` : error.message,
    error.field,
  );
}
