import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createApp } from '../../src/http/app.js';
import { describe, expect, it } from 'vitest';
import { useHttpApp } from '../helpers/http.js';
import { DAY } from '../helpers/ledger.js';

const NOW = Date.UTC(2026, 5, 1);
const { open, call, tenant } = useHttpApp(NOW);

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  parameters?: { name: string; in: string }[];
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

async function contract(): Promise<Doc> {
  const answer = await call('/openapi.json', { key: null });
  expect(answer.status).toBe(200);
  return answer.body as Doc;
}

/** `/v1/items/:source/:external_id` as OpenAPI writes it: `/v1/items/{source}/{external_id}`. */
const openApiPath = (path: string) => path.replace(/:([^/]+)/g, '{$1}');

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a key', async () => {
    const doc = await contract();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('declares every route the API serves, each with a JSON schema for its success answer', async () => {
    const doc = await contract();
    const served = open()
      .app.routes.filter((r) => /^\/(v1\/|healthz$|readyz$)/.test(r.path) && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const declaredOps = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    // served routes that are not declared, and declared ones no handler serves: both must be none
    expect([...new Set(served)].filter((r) => !declaredOps.includes(r))).toEqual([]);
    expect(declaredOps.filter((r) => !served.includes(r))).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
        expect(success.length, `${method} ${path} declares a success answer`).toBeGreaterThan(0);
        for (const [status, response] of success) {
          if (status === '204') continue;
          const media = Object.values(response.content ?? {});
          expect(media.length, `${method} ${path} ${status} has content`).toBeGreaterThan(0);
          for (const m of media) expect(m.schema, `${method} ${path} ${status} has a schema`).toBeDefined();
        }
      }
  });

  it('names the query parameters a route accepts, and the route refuses others by the same list', async () => {
    const doc = await contract();
    const kpis = doc.paths['/v1/kpis']?.get;
    const names = (kpis?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names).toEqual([
      'from',
      'to',
      'agent',
      'workflow',
      'category',
      'priority',
      'channel',
      'group_by',
      'as_of',
      'compare',
    ]);
    const { keys } = await tenant();
    const from = new Date(NOW - 7 * DAY).toISOString();
    const to = new Date(NOW).toISOString();
    const refused = await call(`/v1/kpis?from=${from}&to=${to}&grouping=agent`, { key: keys.viewer });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { field: 'grouping' } });
    expect(JSON.stringify(refused.body)).toContain(`allowed: ${names.join(', ')}`);
  });

  it('is the contract, not the dashboard page, on a server that serves the dashboard', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'wl-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dashboard</title>');
    const app = createApp({ store: open().store, webRoot });
    const doc = await app.request('/openapi.json');
    expect(doc.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await doc.json()) as Doc).openapi).toBe('3.1.0');
    // while other paths outside /v1 still load the dashboard
    expect(await (await app.request('/agents')).text()).toContain('<title>dashboard</title>');
  });
});
