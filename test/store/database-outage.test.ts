import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { describePostgres, PG_SERVER_URL, PG_TEST_URL } from '../helpers/engines.js';
import { DAY, HOUR, iso, newTenant } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;
const BATCHES = 40;
const BATCH_SIZE = 100;
const IN_FLIGHT = 4;
// Unique per run, so terminating "our" backends never touches another test file's connections.
const APP_NAME = `workledger-outage-${process.pid}-${randomUUID().slice(0, 8)}`;
const REFUSED_DB = `workledger_outage_${process.pid}`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

async function request(app: App, path: string, init: { key?: string; json?: unknown } = {}): Promise<Answer> {
  const headers = new Headers();
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await app.request(path, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

function batch(name: string) {
  return {
    items: Array.from({ length: BATCH_SIZE }, (_, i) => ({
      source: 'outage',
      external_id: `${name}-${i}`,
      handled_by: 'agent-a',
      opened_at: iso(T0),
      resolved_at: iso(T0 + HOUR),
      attributes: { batch: name },
    })),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectUnavailable(answer: Answer): void {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('5');
  expect(answer.body).toMatchObject({
    error: {
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/unavailable|did not answer/),
      requestId: expect.any(String),
    },
  });
}

async function openApp(databaseUrl: string, applicationName: string) {
  const store = await openStore({ databaseUrl, applicationName });
  const app = createApp({ store, now: () => NOW });
  const ctx = await newTenant(store, { now: NOW, name: 'outage tenant' });
  const { key: ingestKey } = await createApiKey({ ctx, input: { role: 'ingest' } });
  const { key: adminKey } = await createApiKey({ ctx, input: { role: 'admin' } });
  return { store, app, tenantId: ctx.tenantId, ingestKey, adminKey };
}

describePostgres('the database fails under the server', () => {
  let admin: pg.Client | undefined;
  const stores: Store[] = [];

  function adminClient(): pg.Client {
    if (!admin) throw new Error('the admin connection is not open (did beforeAll fail?)');
    return admin;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: `${PG_SERVER_URL}/postgres` });
    await admin.connect();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await admin?.query(`drop database if exists ${REFUSED_DB} with (force)`);
    await admin?.end();
  });

  it('backends terminated mid-ingest: 200 or 503 only, nothing partial, retries stored once', async () => {
    const opened = await openApp(PG_TEST_URL, APP_NAME);
    stores.push(opened.store);
    const { app, tenantId, ingestKey, adminKey } = opened;
    const check = new pg.Client({ connectionString: PG_TEST_URL });
    await check.connect();
    try {
      const storedOf = async (name: string) =>
        Number(
          (
            await check.query<{ n: string }>(
              "select count(*) as n from items where tenant_id = $1 and external_id like $2 || '-%'",
              [tenantId, name],
            )
          ).rows[0]?.n,
        );

      // A separate admin connection terminates every backend of the app, again and again, while
      // batches are in flight (four at a time, queued on the tenant's write lock).
      let stop = false;
      let terminated = 0;
      const killer = (async () => {
        while (!stop) {
          // materialized: the filter runs before pg_terminate_backend, never the other way round
          const res = await adminClient().query<{ n: number }>(
            `with ours as materialized (
               select pid from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid())
             select count(*)::int as n from ours where pg_terminate_backend(pid)`,
            [APP_NAME],
          );
          terminated += res.rows[0]?.n ?? 0;
          await sleep(30 + Math.random() * 60);
        }
      })();
      const answers = new Map<string, Answer>();
      const names = Array.from({ length: BATCHES }, (_, i) => `b${i}`);
      const queue = [...names];
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let name = queue.shift(); name !== undefined; name = queue.shift())
            answers.set(name, await request(app, '/v1/items', { key: ingestKey, json: batch(name) }));
        }),
      );
      stop = true;
      await killer;

      expect(terminated).toBeGreaterThan(0);
      const unavailable = names.filter((name) => answers.get(name)?.status === 503);
      expect(unavailable.length).toBeGreaterThan(0); // the outage really cut requests
      for (const name of names) {
        const answer = answers.get(name);
        if (!answer) throw new Error(`no answer for ${name}`);
        if (answer.status === 200) {
          expect(answer.body).toMatchObject({ accepted: BATCH_SIZE, created: BATCH_SIZE });
          expect(await storedOf(name)).toBe(BATCH_SIZE);
        } else {
          expectUnavailable(answer);
          // all or nothing: a 503 whose COMMIT reached the server before the answer was lost is whole
          expect([0, BATCH_SIZE]).toContain(await storedOf(name));
        }
      }

      // With the database back, each 503 batch is retried once: stored once, by key.
      for (const name of unavailable) {
        const before = await storedOf(name);
        const retry = await request(app, '/v1/items', { key: ingestKey, json: batch(name) });
        expect(retry.status).toBe(200);
        expect(retry.body).toMatchObject(
          before === 0 ? { created: BATCH_SIZE } : { created: 0, unchanged: BATCH_SIZE },
        );
        expect(await storedOf(name)).toBe(BATCH_SIZE);
      }
      const totals = await check.query<{ items: string; entries: string }>(
        `select (select count(*) from items where tenant_id = $1) as items,
                (select count(*) from audit_entries where tenant_id = $1 and action = 'items.ingest') as entries`,
        [tenantId],
      );
      // one audit entry per batch: the retry of a batch that had committed changes nothing, writes none
      expect(totals.rows[0]).toEqual({ items: String(BATCHES * BATCH_SIZE), entries: String(BATCHES) });
      expect((await request(app, '/v1/audit/verify', { key: adminKey })).body).toMatchObject({ ok: true });

      // and the same process keeps serving
      expect((await request(app, '/v1/items', { key: ingestKey, json: batch('after') })).status).toBe(200);
      expect((await request(app, '/readyz')).body).toEqual({ ok: true, engine: 'postgres' });
    } finally {
      await check.end();
    }
  });

  it('a database refusing connections: 503 with Retry-After, /readyz 503, /healthz 200; then back', async () => {
    await adminClient().query(`drop database if exists ${REFUSED_DB} with (force)`);
    await adminClient().query(`create database ${REFUSED_DB}`);
    const opened = await openApp(`${PG_SERVER_URL}/${REFUSED_DB}`, `${APP_NAME}-refused`);
    stores.push(opened.store);
    const { app, ingestKey } = opened;
    expect((await request(app, '/v1/items', { key: ingestKey, json: batch('before') })).status).toBe(200);

    await adminClient().query(`alter database ${REFUSED_DB} with allow_connections false`);
    await adminClient().query(
      `with theirs as materialized (
         select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid())
       select pg_terminate_backend(pid) from theirs`,
      [REFUSED_DB],
    );
    for (let i = 0; i < 100; i += 1) {
      const left = await adminClient().query('select 1 from pg_stat_activity where datname = $1', [
        REFUSED_DB,
      ]);
      if (left.rowCount === 0) break;
      await sleep(20);
    }

    expectUnavailable(await request(app, '/v1/items', { key: ingestKey, json: batch('during') }));
    expectUnavailable(await request(app, '/v1/items/outage/before-0', { key: ingestKey }));
    expectUnavailable(await request(app, '/readyz'));
    const health = await request(app, '/healthz');
    expect(health).toMatchObject({ status: 200, body: { ok: true } });

    await adminClient().query(`alter database ${REFUSED_DB} with allow_connections true`);
    const during = await request(app, '/v1/items', { key: ingestKey, json: batch('during') });
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ created: BATCH_SIZE }); // the refused attempt stored nothing
    expect(await request(app, '/readyz')).toMatchObject({
      status: 200,
      body: { ok: true, engine: 'postgres' },
    });
  });
});
