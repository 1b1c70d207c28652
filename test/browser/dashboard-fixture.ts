import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../../src/cli/start-server.js';
import { defaultWebRoot } from '../../src/http/static.js';
import { loadDemo } from '../../src/ingest/load-demo.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { openStore, type Store } from '../../src/services/runtime.js';
import { createUser } from '../../src/services/access/users.js';

/** Where screenshots go (gitignored); CI keeps them as the dashboard's visual evidence. */
export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Login {
  email: string;
  password: string;
}

export interface DashboardFixture {
  url: string;
  tenantId: string;
  /** An admin API key, for reading what the dashboard should show. */
  key: string;
  admin: Login;
  viewer: Login;
  operator: Login;
  close(): Promise<void>;
}

/** A tenant in a fresh SQLite file of its own, and a ctx acting in it at the fixed clock `now`. */
export async function newFixtureTenant(
  name: string,
  now: number,
): Promise<{ ctx: Ctx; store: Store; remove(): Promise<void> }> {
  if (!existsSync(join(defaultWebRoot(), 'index.html')))
    throw new Error(`${defaultWebRoot()}/index.html is missing: run npm run build (npm test does) first`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'workledger-browser-'));
  const store = await openStore({ sqlitePath: join(dir, 'fixture.db') });
  const actor = { kind: 'cli', user: 'browser-test' } as const;
  const clock = () => now;
  const tenant = await createTenant({ store, actor, now: clock, input: { name, currency: 'USD' } });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'browser-test', now: clock };
  return {
    ctx,
    store,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An admin API key and one dashboard user per role that matters, in the ctx's tenant. */
export async function createLogins(
  ctx: Ctx,
): Promise<Pick<DashboardFixture, 'key' | 'admin' | 'viewer' | 'operator'>> {
  const { key } = await createApiKey({ ctx, input: { role: 'admin', name: 'browser-test' } });
  const login = async (role: 'admin' | 'viewer' | 'operator'): Promise<Login> => {
    const password = `correct horse ${role} battery`;
    const email = `${role}@demo.example`;
    await createUser({ ctx, input: { email, role, password } });
    return { email, password };
  };
  return {
    key,
    admin: await login('admin'),
    viewer: await login('viewer'),
    operator: await login('operator'),
  };
}

/**
 * A real `workledger serve` (startServer, port 0) over a SQLite file loaded with the seeded demo, with
 * one dashboard user per role that matters. Needs dist/web: `npm test` builds it first.
 */
export async function startDashboard(options: {
  seed: number;
  scale: number;
  now: number;
}): Promise<DashboardFixture> {
  const { ctx, store, remove } = await newFixtureTenant('Demo Co', options.now);
  await loadDemo(ctx, { seed: options.seed, now: options.now, scale: options.scale });
  const logins = await createLogins(ctx);
  const server = await startServer(store, 0, '127.0.0.1', true);
  return {
    url: server.url,
    tenantId: ctx.tenantId,
    ...logins,
    close: async () => {
      await server.close();
      await remove();
    },
  };
}
