import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { createApp } from '../src/http/app.js';
import { createApiKey } from '../src/services/access/api-keys.js';
import type { Ctx } from '../src/services/context.js';
import { createTenant } from '../src/services/config/create-tenant.js';
import { createUser } from '../src/services/access/users.js';
import { openStore } from '../src/store/connect.js';

/**
 * Sign-ins against ingestion: how long a small gzip POST /v1/items takes alone, and while 16 sign-ins
 * (scrypt N=2^17) are in flight, over a real loopback socket on SQLite. Prints the figures for
 * bench/RESULTS.md (section "Sign-ins and ingestion"); run with `node dist/bench/sign-in-bench.js`.
 */

const SIGN_INS = 16;
const REPETITIONS = 5;
const PASSWORD = 'correct horse battery staple';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function batchBody(prefix: string): Uint8Array {
  const items = Array.from({ length: 20 }, (_, i) => ({
    source: 'bench',
    external_id: `${prefix}-${i}`,
    handled_by: 'agent-a',
    opened_at: '2026-11-01T10:00:00Z',
    resolved_at: '2026-11-01T11:00:00Z',
  }));
  return gzipSync(JSON.stringify({ items }));
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-sign-in-bench-'));
  const store = await openStore({ sqlitePath: path.join(dir, 'ledger.db') });
  const actor = { kind: 'cli', user: 'bench' } as const;
  const tenant = await createTenant({ store, actor, now: Date.now, input: { name: 'bench' } });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'bench', now: Date.now };
  const { key } = await createApiKey({ ctx, input: { role: 'ingest', name: 'bench' } });
  await createUser({ ctx, input: { email: 'ana@example.com', role: 'viewer', password: PASSWORD } });
  const app = createApp({ store });
  const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => http.close(() => done())),
      }),
    );
  });

  let batch = 0;
  async function ingestMs(): Promise<number> {
    batch += 1;
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/items`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: batchBody(`b${batch}`),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
    return performance.now() - started;
  }
  async function signInMs(): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.com', password: PASSWORD }),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
    return performance.now() - started;
  }

  try {
    await ingestMs();
    await signInMs();
    const alone: number[] = [];
    const during: number[] = [];
    const lastSignIn: number[] = [];
    for (let rep = 0; rep < REPETITIONS; rep += 1) {
      alone.push(await ingestMs());
      const started = performance.now();
      const signIns = Promise.all(Array.from({ length: SIGN_INS }, () => signInMs()));
      await new Promise((resolve) => setTimeout(resolve, 50));
      during.push(await ingestMs());
      await signIns;
      lastSignIn.push(performance.now() - started);
    }
    const fmt = (values: number[]) =>
      `${Math.round(median(values))} ms (${values.map(Math.round).join(', ')})`;
    console.log(`machine: ${os.availableParallelism()} CPUs, Node ${process.version}`);
    console.log(`gzip ingest of 20 items, alone: ${fmt(alone)}`);
    console.log(`the same, during ${SIGN_INS} sign-ins: ${fmt(during)}`);
    console.log(`all ${SIGN_INS} sign-ins answered after: ${fmt(lastSignIn)}`);
  } finally {
    await server.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
