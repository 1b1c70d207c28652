import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstanceKey } from '../../src/cli/audit-key.js';
import type { InstanceKey } from '../../src/domain/audit/instance-key.js';
import type { Role } from '../../src/domain/roles.js';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Store } from '../../src/store/connect.js';
import { openTestStore } from '../helpers/engines.js';
import { newTenant } from '../helpers/ledger.js';

const NOW = Date.UTC(2025, 10, 1, 12);

describe('audit API: verify, checkpoints, public key, checkpoint webhook', () => {
  let store: Store | undefined;
  let dispose: (() => Promise<void>) | undefined;
  let app: App | undefined;
  let keyless: App | undefined;
  let key: InstanceKey | null = null;
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workledger-http-key-'));

  beforeAll(async () => {
    const opened = await openTestStore('sqlite');
    store = opened.store;
    dispose = opened.dispose;
    key = loadInstanceKey(path.join(keyDir, 'workledger-audit-key.pem'), { create: true });
    app = createApp({ store, now: () => NOW, audit: { key, post: null } });
    keyless = createApp({ store, now: () => NOW });
  });
  afterAll(async () => {
    await dispose?.();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  async function tenant(): Promise<Record<Role, string>> {
    if (!store) throw new Error('the store is not open');
    const ctx = await newTenant(store, { now: NOW });
    const keys: Partial<Record<Role, string>> = {};
    for (const role of ['admin', 'operator', 'ingest', 'viewer'] as const)
      keys[role] = (await createApiKey({ ctx, input: { role } })).key;
    const { admin, operator, ingest, viewer } = keys;
    if (!admin || !operator || !ingest || !viewer) throw new Error('a key was not created');
    return { admin, operator, ingest, viewer };
  }

  async function call(
    path: string,
    options: { key: string; method?: string; json?: unknown; body?: string; on?: App },
  ): Promise<{ status: number; body: unknown }> {
    const target = options.on ?? app;
    if (!target) throw new Error('the app is not open');
    const body = options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const headers: Record<string, string> = { authorization: `Bearer ${options.key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await target.request(path, { method: options.method ?? 'GET', headers, body });
    const text = await res.text();
    return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  it('seals a checkpoint (201, then 200 while the chain has not grown), shows it and verifies against it', async () => {
    const keys = await tenant();
    expect((await call('/v1/audit/checkpoints', { key: keys.admin })).status).toBe(404);
    const sealed = await call('/v1/audit/checkpoints', { key: keys.operator, method: 'POST' });
    expect(sealed.status).toBe(201);
    // tenant.create and 4 api_key.create
    expect(sealed.body).toMatchObject({
      sealed: true,
      checkpoint: { seq: 5, key_id: key?.keyId },
      delivery: null,
    });
    const again = await call('/v1/audit/checkpoints', { key: keys.admin, method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ sealed: false, checkpoint: { seq: 5 } });
    const latest = await call('/v1/audit/checkpoints', { key: keys.admin });
    expect(latest.body).toEqual({ checkpoint: (sealed.body as { checkpoint: unknown }).checkpoint });

    // the answer as saved works as the checkpoint to verify against
    const verified = await call('/v1/audit/verify', { key: keys.admin, method: 'POST', json: latest.body });
    expect(verified.body).toMatchObject({ ok: true, checkpoints: 1, checkpoint: { seq: 5 } });
    const plain = await call('/v1/audit/verify', { key: keys.admin });
    expect(plain.body).toMatchObject({ ok: true, entries: 5, checkpoints: 1, checkpoint: null });
  });

  it('exports the public key and its id to any reader', async () => {
    const keys = await tenant();
    const res = await call('/v1/audit/public-key', { key: keys.viewer });
    expect(res).toEqual({
      status: 200,
      body: { algorithm: 'Ed25519', key_id: key?.keyId, public_key_pem: key?.publicKeyPem },
    });
    expect(key?.keyId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 409 when the server has no instance key', async () => {
    const keys = await tenant();
    const res = await call('/v1/audit/checkpoints', { key: keys.admin, method: 'POST', on: keyless });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect((await call('/v1/audit/public-key', { key: keys.admin, on: keyless })).status).toBe(409);
  });

  it('checks roles: sealing and verifying need the audit permission, the webhook configure', async () => {
    const keys = await tenant();
    for (const role of ['viewer', 'ingest'] as const) {
      expect((await call('/v1/audit/checkpoints', { key: keys[role], method: 'POST' })).status, role).toBe(
        403,
      );
      expect((await call('/v1/audit/checkpoints', { key: keys[role] })).status, role).toBe(403);
      expect((await call('/v1/audit/checkpoint-webhook', { key: keys[role] })).status, role).toBe(403);
    }
    expect((await call('/v1/audit/public-key', { key: keys.ingest })).status).toBe(403);
    const put = await call('/v1/audit/checkpoint-webhook', {
      key: keys.viewer,
      method: 'PUT',
      json: { url: 'https://x.example.com' },
    });
    expect(put.status).toBe(403);
  });

  it('sets, shows and clears the checkpoint webhook; the secret is never shown', async () => {
    const keys = await tenant();
    expect((await call('/v1/audit/checkpoint-webhook', { key: keys.operator })).body).toEqual({
      url: null,
      signed: false,
      updated_at: null,
    });
    const url = 'https://audit.example.com/hook';
    const set = await call('/v1/audit/checkpoint-webhook', {
      key: keys.operator,
      method: 'PUT',
      json: { url, secret: 'a-long-enough-secret' },
    });
    expect(set).toEqual({
      status: 200,
      body: { url, signed: true, updated_at: new Date(NOW).toISOString() },
    });
    // the same URL without a secret keeps the stored one
    const kept = await call('/v1/audit/checkpoint-webhook', {
      key: keys.operator,
      method: 'PUT',
      json: { url },
    });
    expect(kept.body).toMatchObject({ url, signed: true });
    const cleared = await call('/v1/audit/checkpoint-webhook', {
      key: keys.operator,
      method: 'PUT',
      json: { url: null },
    });
    expect(cleared.body).toMatchObject({ url: null, signed: false });
    // every change is audited, and the rows verify
    expect((await call('/v1/audit/verify', { key: keys.admin })).body).toMatchObject({
      ok: true,
      rows: { audit_checkpoint_webhooks: 1 },
    });
  });

  it('rejects bad bodies with 400 naming the field', async () => {
    const keys = await tenant();
    const cases: [string, string, unknown, string][] = [
      ['/v1/audit/checkpoint-webhook', 'PUT', { url: 'ftp://x.example.com' }, 'url'],
      ['/v1/audit/checkpoint-webhook', 'PUT', { url: 'https://x.example.com', secret: 'short' }, 'secret'],
      ['/v1/audit/checkpoint-webhook', 'PUT', { url: 'https://x.example.com', colour: 'red' }, 'colour'],
      ['/v1/audit/checkpoint-webhook', 'PUT', {}, 'url'],
      ['/v1/audit/verify', 'POST', {}, 'checkpoint'],
      ['/v1/audit/verify', 'POST', { checkpoint: { seq: 'one' } }, 'checkpoint.tenant'],
      ['/v1/audit/verify', 'POST', { checkpoint: {}, extra: 1 }, 'extra'],
    ];
    for (const [route, method, json, field] of cases) {
      const res = await call(route, { key: keys.admin, method, json });
      expect(res.status, `${route} ${JSON.stringify(json)}`).toBe(400);
      expect(res.body, `${route} ${JSON.stringify(json)}`).toMatchObject({
        error: { code: 'VALIDATION', field },
      });
    }
    const badJson = await call('/v1/audit/verify', {
      key: keys.admin,
      method: 'POST',
      body: '{"checkpoint":',
    });
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', field: 'body' } } });
  });

  it("never verifies one tenant's checkpoint against another's chain", async () => {
    const a = await tenant();
    const b = await tenant();
    const sealed = await call('/v1/audit/checkpoints', { key: a.admin, method: 'POST' });
    const { checkpoint } = sealed.body as { checkpoint: unknown };
    const res = await call('/v1/audit/verify', { key: b.admin, method: 'POST', json: { checkpoint } });
    expect(res.body).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/it seals tenant ten_\w+, not ten_/),
    });
  });
});
