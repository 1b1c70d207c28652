import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Ctx } from '../../src/services/context.js';
import type { Store } from '../../src/store/connect.js';
import { openTestStore } from './engines.js';
import { newTenant } from './ledger.js';

/** A tenant as the HTTP tests see it: its id, a service ctx, and one API key per role. */
export interface HttpTenant {
  readonly ctx: Ctx;
  readonly keys: Readonly<Record<Role, string>>;
}

export interface HttpCall {
  method?: string;
  key?: string | null;
  /** Sent as application/json unless `body` or a content-type header is given. */
  json?: unknown;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (null when the body is empty). */
  body: unknown;
}

/**
 * The in-process API over a SQLite store in a temp dir (HTTP is engine-independent; the store suites
 * cover both engines), opened in beforeAll and closed in afterAll of the calling file or suite.
 */
export function useHttpApp(now: number) {
  let store: Store | undefined;
  let app: App | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openTestStore('sqlite');
    store = opened.store;
    dispose = opened.dispose;
    app = createApp({ store, now: () => now });
  });
  afterAll(async () => {
    await dispose?.();
  });

  function open(): { store: Store; app: App } {
    if (!store || !app) throw new Error('the HTTP app is not open (did beforeAll fail?)');
    return { store, app };
  }

  return { open, ...httpClient(open, now) };
}

/** The in-process API over the store of a forEachEngine suite, for what must hold on both engines. */
export function useHttpAppOn(store: () => Store, now: number) {
  let opened: { store: Store; app: App } | undefined;
  function open(): { store: Store; app: App } {
    const current = store();
    if (opened?.store !== current)
      opened = { store: current, app: createApp({ store: current, now: () => now }) };
    return opened;
  }
  return { open, ...httpClient(open, now) };
}

/** Tenants with a key of every role, and requests through `app.request`, on the app `open` gives. */
function httpClient(open: () => { store: Store; app: App }, now: number) {
  /** A fresh tenant with a key of every role. */
  async function tenant(name = 'http tenant'): Promise<HttpTenant> {
    const ctx = await newTenant(open().store, { now, name });
    const keys: Partial<Record<Role, string>> = {};
    for (const role of ['admin', 'operator', 'ingest', 'viewer'] as const)
      keys[role] = (await createApiKey({ ctx, input: { role } })).key;
    const { admin, operator, ingest, viewer } = keys;
    if (!admin || !operator || !ingest || !viewer) throw new Error('a key was not created');
    return { ctx, keys: { admin, operator, ingest, viewer } };
  }

  /** One request through `app.request`, with a Bearer key and a JSON body when given. */
  async function call(path: string, options: HttpCall = {}): Promise<HttpAnswer> {
    const headers = new Headers(options.headers);
    if (options.key) headers.set('authorization', `Bearer ${options.key}`);
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const method = options.method ?? (body === undefined ? 'GET' : 'POST');
    const res = await open().app.request(path, { method, headers, body });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text === '' ? null : (JSON.parse(text) as unknown),
    };
  }

  return { tenant, call };
}
