import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/ingest/importers/csv-rows.js';
import { pullServiceNow } from '../../src/ingest/servicenow-pull.js';
import type { Ctx } from '../../src/services/context.js';
import { getImportWatermark, saveImportWatermark } from '../../src/services/config/import-watermarks.js';
import type { Store } from '../../src/services/runtime.js';
import { REST_CSV, rowOf, runCli, storedItems, tempStore, tenantCtx, utc } from './import-fixtures.js';

type SnRecord = Record<string, string>;

/** A local stand-in for a ServiceNow Table API: auth check, sys_updated_on>= filter, ordering, paging. */
class FakeTableApi {
  readonly records: SnRecord[];
  readonly requests: URL[] = [];
  private server: Server | null = null;
  url = '';

  constructor(records: SnRecord[]) {
    this.records = records;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      this.requests.push(url);
      const auth = req.headers.authorization ?? '';
      const basic = `Basic ${Buffer.from('admin:secret').toString('base64')}`;
      if (auth !== basic && auth !== 'Bearer token-1') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'User Not Authenticated' }, status: 'failure' }));
        return;
      }
      if (url.pathname !== '/api/now/table/incident') {
        res.writeHead(404).end();
        return;
      }
      const query = url.searchParams.get('sysparm_query') ?? '';
      const since = /sys_updated_on>=([^^]+)/.exec(query)?.[1];
      const matching = this.records
        .filter((r) => since === undefined || (r.sys_updated_on ?? '') >= since)
        .sort((a, b) => (a.sys_updated_on ?? '').localeCompare(b.sys_updated_on ?? ''));
      const offset = Number(url.searchParams.get('sysparm_offset') ?? 0);
      const limit = Number(url.searchParams.get('sysparm_limit') ?? 10_000);
      res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': String(matching.length) });
      res.end(JSON.stringify({ result: matching.slice(offset, offset + limit) }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function restRecords(): SnRecord[] {
  const table = parseCsv(readFileSync(REST_CSV, 'utf8'));
  return table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row.values[i] ?? ''])));
}

describe('ServiceNow live pull through the Table API', () => {
  let store: Store;
  let dir: string;
  let db: string;
  let api: FakeTableApi;
  let ctx: Ctx;
  const auth = { kind: 'basic', user: 'admin', password: 'secret' } as const;

  beforeAll(async () => {
    ({ store, dir, path: db } = await tempStore());
    api = new FakeTableApi(restRecords());
    await api.start();
    ctx = await tenantCtx(store);
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  it('pages through the table, then resumes from its watermark', async () => {
    const first = await pullServiceNow(ctx, { instance: api.url, auth, pageSize: 10 });
    // an instance at an IP address files its items under its whole host and port
    const source = `servicenow:127.0.0.1-${new URL(api.url).port}`;
    expect(first.source).toBe(source);
    // 67 records in pages of 10: six full pages and one of 7.
    expect(first).toMatchObject({ read: 67, items: 67, created: 67, unchanged: 0, pages: 7, rejected: [] });
    expect(first.watermark).toEqual({ previous: null, next: '2023-05-07 18:15:46' });
    expect(api.requests.map((u) => u.searchParams.get('sysparm_offset'))).toEqual([
      '0',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
    ]);
    const firstRequest = api.requests[0];
    expect(firstRequest?.searchParams.get('sysparm_query')).toBe('ORDERBYsys_updated_on');
    expect(firstRequest?.searchParams.get('sysparm_display_value')).toBe('false');
    expect(firstRequest?.searchParams.get('sysparm_limit')).toBe('10');
    const instance = `${api.url}/api/now/table/incident`;
    expect(await getImportWatermark({ ctx, input: { source, instance } })).toMatchObject({
      watermark: '2023-05-07 18:15:46',
    });

    // INC0000015 is resolved and closed, and a new incident arrives.
    const reopened = api.records.find((r) => r.number === 'INC0000015');
    Object.assign(reopened ?? {}, {
      incident_state: '7',
      resolved_at: '2023-06-01 09:00:00',
      closed_at: '2023-06-01 10:00:00',
      sys_updated_on: '2023-06-01 10:00:00',
      sys_mod_count: '12',
    });
    api.records.push({
      number: 'INC0099999',
      incident_state: '1',
      priority: '4',
      opened_at: '2023-06-02 07:59:00',
      sys_updated_on: '2023-06-02 08:00:00',
      sys_mod_count: '0',
    });
    api.requests.length = 0;
    const second = await pullServiceNow(ctx, { instance: api.url, auth, pageSize: 10 });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.searchParams.get('sysparm_query')).toBe(
      'sys_updated_on>=2023-05-07 18:15:46^ORDERBYsys_updated_on',
    );
    // The record at the watermark itself is read again and found unchanged.
    expect(second).toMatchObject({ read: 3, created: 1, updated: 1, unchanged: 1, pages: 1 });
    expect(second.watermark).toEqual({ previous: '2023-05-07 18:15:46', next: '2023-06-02 08:00:00' });
    const rows = await storedItems(ctx, source);
    expect((await storedItems(ctx, 'servicenow')).size).toBe(0);
    expect(rowOf(rows, 'INC0000015')).toMatchObject({
      outcome: 'resolved',
      resolved_at: utc('2023-06-01 09:00:00'),
      closed_at: utc('2023-06-01 10:00:00'),
    });
    expect(rowOf(rows, 'INC0099999')).toMatchObject({ outcome: 'open', priority: 4 });

    // Through the CLI with a bearer token: nothing new, the watermark stays.
    const third = await runCli(
      dir,
      'import',
      'servicenow',
      '--instance',
      api.url,
      '--token',
      'token-1',
      '--page-size',
      '10',
      '--db',
      db,
      '--tenant',
      ctx.tenantId,
      '--json',
    );
    expect(third.err).toBe('');
    expect(JSON.parse(third.out)).toMatchObject({
      read: 1,
      created: 0,
      updated: 0,
      unchanged: 1,
      watermark: { previous: '2023-06-02 08:00:00', next: '2023-06-02 08:00:00' },
    });
    const audits = await store.db
      .selectFrom('audit_entries')
      .select(['action', 'subject'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('action', '=', 'import.watermark')
      .execute();
    expect(audits).toEqual([
      { action: 'import.watermark', subject: `import:${source}:${instance}` },
      { action: 'import.watermark', subject: `import:${source}:${instance}` },
    ]);
  });

  it('keeps the source of a tenant that pulled before instances had their own, and takes --source', async () => {
    const legacy = await tenantCtx(store);
    const instance = `${api.url}/api/now/table/incident`;
    // a watermark under plain `servicenow`: this tenant pulled the instance before (68 records now: the
    // REST file's 67 and the one the first test added)
    await saveImportWatermark({
      ctx: legacy,
      input: { source: 'servicenow', instance, watermark: '2000-01-01 00:00:00' },
    });
    const resumed = await pullServiceNow(legacy, { instance: api.url, auth, pageSize: 100 });
    expect(resumed).toMatchObject({ source: 'servicenow', created: 68 });
    expect(resumed.watermark.previous).toBe('2000-01-01 00:00:00');
    expect((await storedItems(legacy, 'servicenow')).size).toBe(68);
    const named = await tenantCtx(store);
    const chosen = await pullServiceNow(named, {
      instance: api.url,
      auth,
      pageSize: 100,
      source: 'servicenow:acme',
    });
    expect(chosen).toMatchObject({ source: 'servicenow:acme', created: 68, watermark: { previous: null } });
    expect((await storedItems(named, 'servicenow:acme')).size).toBe(68);
  });

  it('refuses wrong credentials with one line and exit code 4', async () => {
    const other = await tenantCtx(store);
    const result = await runCli(
      dir,
      'import',
      'servicenow',
      '--instance',
      api.url,
      '--user',
      'admin',
      '--password',
      'wrong',
      '--db',
      db,
      '--tenant',
      other.tenantId,
    );
    expect(result.code).toBe(4);
    expect(result.err.trim()).toBe(`workledger: ${api.url} refused the credentials (HTTP 401)`);
    expect((await storedItems(other, `servicenow:127.0.0.1-${new URL(api.url).port}`)).size).toBe(0);
    const half = await runCli(
      dir,
      'import',
      'servicenow',
      '--instance',
      api.url,
      '--user',
      'admin',
      '--db',
      db,
      '--tenant',
      other.tenantId,
    );
    expect(half).toMatchObject({ code: 2, err: 'workledger: --user and --password go together\n' });
  });
});
