import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Ctx } from '../../src/services/context.js';
import { disableUser } from '../../src/services/access/users.js';
import type { Store } from '../../src/store/connect.js';
import { openTestStore } from '../helpers/engines.js';
import { HOUR, newTenant } from '../helpers/ledger.js';

const T0 = Date.UTC(2026, 10, 2, 9);
const PASSWORD = 'a long enough passphrase';

const KeyView = z.strictObject({
  id: z.string(),
  role: z.string(),
  name: z.string().nullable(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  status: z.enum(['active', 'revoked', 'expired']),
});
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

describe('keys and users over the API: expiry, revocation, disabling, and every denial logged', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: App;
  let clock = T0;
  const logged: Record<string, unknown>[] = [];
  let ctx: Ctx;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore('sqlite'));
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => logged.push(JSON.parse(line) as Record<string, unknown>) },
    );
    app = createApp({ store, now: () => clock, logger });
    ctx = await newTenant(store, { now: T0, name: 'Acme' });
    admin = (await createApiKey({ ctx, input: { role: 'admin' } })).key;
    viewer = (await createApiKey({ ctx, input: { role: 'viewer', name: 'wallboard' } })).key;
  });
  afterAll(async () => dispose());

  async function call(path: string, options: { key?: string; json?: unknown; cookie?: string } = {}) {
    const headers = new Headers();
    if (options.key) headers.set('authorization', `Bearer ${options.key}`);
    if (options.cookie) headers.set('cookie', options.cookie);
    if (options.json !== undefined) headers.set('content-type', 'application/json');
    const res = await app.request(path, {
      method: options.json === undefined ? 'GET' : 'POST',
      headers,
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
  }
  const denials = () => logged.filter((l) => l.msg === 'access denied');

  it('creates a key that expires, and refuses it from then on, saying so', async () => {
    const created = await call('/v1/keys', {
      key: admin,
      json: { role: 'ingest', name: 'agent', expires_in: '2h' },
    });
    expect(created.status).toBe(201);
    const body = z.object({ id: z.string(), key: z.string(), expires_at: z.string() }).parse(created.body);
    expect(body.expires_at).toBe(new Date(T0 + 2 * HOUR).toISOString());
    expect((await call('/v1/items/servicenow/none', { key: body.key })).status).toBe(403); // ingest: no reads
    expect((await call('/v1/items', { key: body.key, json: { items: [] } })).status).toBe(200);

    clock = T0 + 2 * HOUR; // the moment it expires
    const refused = await call('/v1/items', { key: body.key, json: { items: [] } });
    expect(refused.status).toBe(401);
    expect(ErrorBody.parse(refused.body).error.message).toBe(
      `API key ${body.id} expired at ${new Date(T0 + 2 * HOUR).toISOString()}; ask an admin for a new one`,
    );
    const listed = z.object({ keys: z.array(KeyView) }).parse((await call('/v1/keys', { key: admin })).body);
    expect(listed.keys.find((k) => k.id === body.id)).toMatchObject({ status: 'expired', role: 'ingest' });
    expect(listed.keys.find((k) => k.name === 'wallboard')).toMatchObject({
      status: 'active',
      expires_at: null,
    });
    clock = T0;

    for (const bad of ['90 days', '0d', '-1h', '3661d', 'soon'])
      expect(
        ErrorBody.parse(
          (await call('/v1/keys', { key: admin, json: { role: 'viewer', expires_in: bad } })).body,
        ).error.field,
      ).toBe('expires_in');
  });

  it('revokes a key at once; revoking it again changes nothing; an unknown key is 404', async () => {
    const { id, key } = await createApiKey({ ctx, input: { role: 'viewer' } });
    expect((await call('/v1/workflows', { key })).status).toBe(200);
    const revoked = await call(`/v1/keys/${id}/revoke`, { key: admin, json: {} });
    expect(revoked.status).toBe(200);
    expect(KeyView.parse(revoked.body)).toMatchObject({
      id,
      status: 'revoked',
      revoked_at: new Date(T0).toISOString(),
    });
    expect((await call('/v1/workflows', { key })).status).toBe(401);
    const again = await call(`/v1/keys/${id}/revoke`, { key: admin, json: {} });
    expect(again.body).toEqual(revoked.body);
    const unknown = await call('/v1/keys/key_nope/revoke', { key: admin, json: {} });
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(unknown.body).error.field).toBe('id');
  });

  it('disables a user: their session ends, sign-in is refused, the user is still listed', async () => {
    const created = await call('/v1/users', {
      key: admin,
      json: { email: 'ana@example.com', role: 'viewer', password: PASSWORD },
    });
    expect(created.status).toBe(201);
    const user = z.object({ id: z.string(), disabled_at: z.null() }).parse(created.body);
    const signedIn = await call('/v1/session', { json: { email: 'ana@example.com', password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call('/v1/session', { cookie })).status).toBe(200);

    const disabled = await call(`/v1/users/${user.id}/disable`, { key: admin, json: {} });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: user.id, disabled_at: new Date(T0).toISOString() });
    expect((await call('/v1/session', { cookie })).status).toBe(401);
    const again = await call('/v1/session', { json: { email: 'ana@example.com', password: PASSWORD } });
    expect(again.status).toBe(401);
    expect(ErrorBody.parse(again.body).error.message).toBe(
      'this user is disabled: ask an admin of the tenant',
    );
    // a wrong password still gets the uniform answer: disabling tells nothing to who lacks the password
    const wrong = await call('/v1/session', {
      json: { email: 'ana@example.com', password: 'not the passphrase' },
    });
    expect(ErrorBody.parse(wrong.body).error.message).not.toMatch(/disabled/);
    const users = z
      .object({ users: z.array(z.object({ id: z.string(), disabled_at: z.string().nullable() })) })
      .parse((await call('/v1/users', { key: admin })).body);
    expect(users.users.find((u) => u.id === user.id)?.disabled_at).toBe(new Date(T0).toISOString());
    // an admin signed in as a user cannot disable themselves (the tenant would lose its last admin)
    const self = await call('/v1/users', {
      key: admin,
      json: { email: 'root@example.com', role: 'admin', password: PASSWORD },
    });
    const selfId = z.object({ id: z.string() }).parse(self.body).id;
    await expect(
      disableUser({
        ctx: { ...ctx, actor: { kind: 'user', userId: selfId, role: 'admin' } },
        input: { id: selfId },
      }),
    ).rejects.toThrow(/cannot disable their own user/);
  });

  it('needs an admin for keys and users, and logs every denied attempt without the key', async () => {
    logged.length = 0;
    const forbidden = await call('/v1/keys', { key: viewer });
    expect(forbidden.status).toBe(403);
    expect(
      (await call('/v1/users', { key: viewer, json: { email: 'x@example.com', role: 'admin' } })).status,
    ).toBe(403);
    expect((await call('/v1/kpis', { key: 'wl_not-a-key-anyone-issued' })).status).toBe(401);
    expect(denials()).toHaveLength(3);
    expect(denials()[0]).toMatchObject({
      level: 40,
      method: 'GET',
      path: '/v1/keys',
      code: 'FORBIDDEN',
      tenant: ctx.tenantId,
      actor: expect.stringMatching(/^key:key_/) as unknown,
    });
    expect(denials()[2]).toMatchObject({
      code: 'UNAUTHENTICATED',
      path: '/v1/kpis',
      reason: 'unknown or revoked API key',
    });
    expect(denials()[2]).not.toHaveProperty('actor');
    // the dashboard asking whether anyone is signed in, with no credential at all, is not an attempt
    expect((await call('/v1/session')).status).toBe(401);
    expect(denials()).toHaveLength(3);
    expect(JSON.stringify(logged)).not.toContain('wl_not-a-key-anyone-issued');
    expect(JSON.stringify(logged)).not.toContain(viewer);
  });

  it('leaves an audit trail that verifies, every key and user change in it', async () => {
    const verified = await call('/v1/audit/verify', { key: admin });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true });
    // the expiry and the disabling count in their rows' digests: lifting either in the database shows
    const Verdict = z.object({
      ok: z.boolean(),
      subject: z.string().nullable().optional(),
      reason: z.string().optional(),
    });
    const verify = async () => Verdict.parse((await call('/v1/audit/verify', { key: admin })).body);
    const key = store.db.updateTable('api_keys').where('name', '=', 'agent');
    const expiry = await store.db
      .selectFrom('api_keys')
      .select('expires_at')
      .where('name', '=', 'agent')
      .executeTakeFirstOrThrow();
    await key.set({ expires_at: null }).execute();
    const lifted = await verify();
    expect(lifted.ok).toBe(false);
    expect(`${lifted.subject} ${lifted.reason}`).toMatch(/API key key_/);
    await key.set({ expires_at: expiry.expires_at }).execute();
    expect((await verify()).ok).toBe(true);
    await store.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('email', '=', 'ana@example.com')
      .execute();
    const enabled = await verify();
    expect(enabled.ok).toBe(false);
    expect(`${enabled.subject} ${enabled.reason}`).toMatch(/user ana@example.com/);
  });
});
