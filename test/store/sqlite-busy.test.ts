import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import { openStore, type Store } from '../../src/store/connect.js';
import { DAY, HOUR, iso, newTenant } from '../helpers/ledger.js';

const T0 = Date.UTC(2025, 8, 1);
const NOW = T0 + 30 * DAY;

describe('a locked SQLite database [sqlite]', () => {
  let dir = '';
  let store: Store | undefined;
  let app: App | undefined;
  let key = '';
  let tenantId = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-busy-'));
    // a short busy timeout, so the test waits 100 ms for the lock rather than the production 5 s
    store = await openStore({ sqlitePath: path.join(dir, 'ledger.db'), busyTimeoutMs: 100 });
    app = createApp({ store, now: () => NOW });
    const ctx = await newTenant(store, { now: NOW });
    tenantId = ctx.tenantId;
    key = (await createApiKey({ ctx, input: { role: 'ingest' } })).key;
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function post(externalId: string) {
    if (!app) throw new Error('the app is not open (did beforeAll fail?)');
    const item = {
      source: 'busy',
      external_id: externalId,
      handled_by: 'agent-a',
      opened_at: iso(T0),
      resolved_at: iso(T0 + HOUR),
    };
    const res = await app.request('/v1/items', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [item] }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as unknown,
    };
  }

  it('answers 503 with Retry-After while another connection holds the write lock past busy_timeout', async () => {
    const other = new BetterSqlite3(path.join(dir, 'ledger.db'));
    try {
      other.exec('begin exclusive');
      const locked = await post('X-1');
      expect(locked).toMatchObject({
        status: 503,
        retryAfter: '5',
        body: { error: { code: 'UNAVAILABLE', message: expect.stringMatching(/SQLITE_BUSY/) } },
      });
      const stored = other.prepare('select count(*) as n from items where tenant_id = ?').get(tenantId);
      expect(stored).toEqual({ n: 0 });
      other.exec('rollback');
      expect(await post('X-1')).toMatchObject({ status: 200, body: { created: 1 } });
    } finally {
      other.close();
    }
  });
});
