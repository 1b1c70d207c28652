import fs from 'node:fs';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { generateDemoHistory } from '../src/domain/demo/generate-demo.js';
import { createApp } from '../src/http/app.js';
import { createApiKey } from '../src/services/access/api-keys.js';
import { createTenant } from '../src/services/config/create-tenant.js';
import type { Ctx } from '../src/services/context.js';
import { openPostgresTarget, openSqliteTarget, type EngineTarget } from './engine-targets.js';
import { median, NOTES_MARKER, renderResults, type EngineResult } from './results-markdown.js';

/**
 * Ingestion throughput: items per second through POST /v1/items over a real loopback socket, on both
 * engines, next to each engine's own bulk insert of the same rows measured in the same run
 * (ratios against a same-process baseline, since these machines are noisy).
 */

const BATCH_SIZE = 5_000;
const REPETITIONS = 3;
const PG_SERVER = (process.env.WORKLEDGER_BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(
  /\/+$/,
  '',
);
const RESULTS_FILE = new URL('../../bench/RESULTS.md', import.meta.url);

interface IngestAnswer {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: unknown[];
}

/** Request bodies, serialised once before any timing so the client's JSON work is not measured. */
function demoBatches(): { bodies: string[]; sizes: number[]; items: number; bytes: number } {
  const { items } = generateDemoHistory({ seed: 42, now: Date.UTC(2026, 10, 22) });
  const bodies: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) {
    const batch = items.slice(i, i + BATCH_SIZE);
    bodies.push(JSON.stringify({ items: batch }));
    sizes.push(batch.length);
  }
  return { bodies, sizes, items: items.length, bytes: bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) };
}

async function listen(target: EngineTarget): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp({ store: target.store });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

/** A fresh tenant and an ingest key for it, made through the same service verbs as the CLI. */
async function freshTenant(target: EngineTarget, label: string): Promise<{ tenantId: string; key: string }> {
  const actor = { kind: 'cli', user: 'bench' } as const;
  const tenant = await createTenant({ store: target.store, actor, now: Date.now, input: { name: label } });
  const ctx: Ctx = { store: target.store, tenantId: tenant.id, actor, requestId: 'bench', now: Date.now };
  const { key } = await createApiKey({ ctx, input: { role: 'ingest', name: 'bench' } });
  return { tenantId: tenant.id, key };
}

/** POST every batch in order and check each answer; returns the elapsed ms. */
async function postBatches(
  url: string,
  key: string,
  batches: { bodies: string[]; sizes: number[] },
  expect: 'created' | 'unchanged',
): Promise<number> {
  const started = performance.now();
  for (const [index, body] of batches.bodies.entries()) {
    const response = await fetch(`${url}/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    const size = batches.sizes[index] ?? 0;
    const answer = JSON.parse(text) as IngestAnswer;
    if (response.status !== 200 || answer.accepted !== size || answer[expect] !== size)
      throw new Error(
        `batch ${index} (${expect}): expected 200 with accepted=${expect}=${size}, got ${response.status} ${text.slice(0, 300)}`,
      );
  }
  return performance.now() - started;
}

async function measureEngine(
  target: EngineTarget,
  batches: { bodies: string[]; sizes: number[]; items: number },
): Promise<EngineResult> {
  const server = await listen(target);
  try {
    // Warm-up (untimed): one batch through every path, so the first repetition does not pay for the JIT.
    const warm = await freshTenant(target, 'bench warm-up');
    const first = { bodies: batches.bodies.slice(0, 1), sizes: batches.sizes.slice(0, 1) };
    await postBatches(server.url, warm.key, first, 'created');
    await postBatches(server.url, warm.key, first, 'unchanged');
    await target.timeBulkInsert(await target.readItemRows(warm.tenantId), BATCH_SIZE);

    const ingest: number[] = [];
    const replay: number[] = [];
    const bulk: number[] = [];
    let rowCount = 0;
    for (let rep = 1; rep <= REPETITIONS; rep += 1) {
      const tenant = await freshTenant(target, `bench ${rep}`);
      ingest.push((batches.items / (await postBatches(server.url, tenant.key, batches, 'created'))) * 1000);
      replay.push((batches.items / (await postBatches(server.url, tenant.key, batches, 'unchanged'))) * 1000);
      const rows = await target.readItemRows(tenant.tenantId);
      if (rows.length !== batches.items)
        throw new Error(`${target.name}: stored ${rows.length} items, sent ${batches.items}`);
      rowCount = rows.length;
      bulk.push((rows.length / (await target.timeBulkInsert(rows, BATCH_SIZE))) * 1000);
      console.error(
        `${target.name} rep ${rep}: ingest ${Math.round(ingest.at(-1) ?? 0)}/s, ` +
          `replay ${Math.round(replay.at(-1) ?? 0)}/s, bulk insert ${Math.round(bulk.at(-1) ?? 0)} rows/s`,
      );
    }
    return {
      engine: target.name,
      description: target.description,
      measured: {
        rows: rowCount,
        ingest,
        replay,
        bulk,
        ratio: median(ingest) / median(bulk),
      },
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const batches = demoBatches();
  const results: EngineResult[] = [];

  const sqlite = await openSqliteTarget();
  try {
    results.push(await measureEngine(sqlite, batches));
  } finally {
    await sqlite.close();
  }

  const postgres = await openPostgresTarget(PG_SERVER);
  if ('unreachable' in postgres) {
    results.push({ engine: 'PostgreSQL', description: `${PG_SERVER} unreachable: ${postgres.unreachable}` });
  } else {
    try {
      results.push(await measureEngine(postgres, batches));
    } finally {
      await postgres.close();
    }
  }

  const markdown = renderResults({
    date: new Date(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    batchSize: BATCH_SIZE,
    repetitions: REPETITIONS,
    items: batches.items,
    batches: batches.bodies.length,
    bodyMiB: batches.bytes / 2 ** 20,
    results,
    seconds: (performance.now() - started) / 1000,
    keptNotes: keptNotes(),
  });
  fs.writeFileSync(RESULTS_FILE, markdown);
  console.log(markdown);
}

/** The hand-written notes below the marker in RESULTS.md survive a re-run; the rest is regenerated. */
function keptNotes(): string | null {
  if (!fs.existsSync(RESULTS_FILE)) return null;
  const text = fs.readFileSync(RESULTS_FILE, 'utf8');
  const at = text.indexOf(NOTES_MARKER);
  return at === -1 ? null : text.slice(at);
}

await main();
