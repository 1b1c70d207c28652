import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/http/app.js';
import { SESSION_TTL_MS, SIGN_IN_FAILED } from '../../src/services/access/sessions.js';
import { createUser } from '../../src/services/access/users.js';
import type { Ctx } from '../../src/services/context.js';
import { useHttpApp, type HttpAnswer } from '../helpers/http.js';
import { DAY, HOUR, iso } from '../helpers/ledger.js';

const NOW = Date.UTC(2026, 10, 2, 9);
const PERIOD = `from=${iso(NOW - 10 * DAY)}&to=${iso(NOW + DAY)}`;
const PASSWORD = 'a long enough passphrase';

const SessionBody = z.strictObject({
  user: z.strictObject({ id: z.string(), email: z.string(), role: z.string() }),
  tenant: z.strictObject({ id: z.string(), name: z.string(), currency: z.string(), time_zone: z.string() }),
  permissions: z.array(z.string()),
  csrf_token: z.string().min(32),
  expires_at: z.string(),
});
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

/** The wl_session cookie of a sign-in answer, as a Cookie header value, and its attributes. */
function sessionCookie(res: HttpAnswer): { cookie: string; attributes: string[] } {
  const header = res.headers.get('set-cookie') ?? '';
  const [pair = '', ...attributes] = header.split(';').map((p) => p.trim());
  expect(pair).toMatch(/^wl_session=[A-Za-z0-9_-]{43}$/);
  return { cookie: pair, attributes };
}

describe('sessions: sign-in, who am I, sign-out', () => {
  const { tenant, call, open } = useHttpApp(NOW);

  // One email per tenant: the same email and password in two tenants would need the tenant named.
  async function userIn(
    ctx: Ctx,
    role: 'admin' | 'operator' | 'viewer',
    email = `${role}.${ctx.tenantId}@example.com`,
  ) {
    await createUser({ ctx, input: { email, role, password: PASSWORD } });
    return email;
  }

  async function signIn(email: string, password = PASSWORD, tenantId?: string) {
    const res = await call('/v1/session', {
      json: { email, password, ...(tenantId ? { tenant: tenantId } : {}) },
    });
    expect(res.status).toBe(200);
    const body = SessionBody.parse(res.body);
    return { ...sessionCookie(res), csrf: body.csrf_token, body };
  }

  it('signs in with email and password: an HttpOnly, SameSite=Strict cookie and the CSRF token', async () => {
    const { ctx } = await tenant('Acme');
    const email = await userIn(ctx, 'operator');
    const res = await call('/v1/session', {
      json: { email: `  ${email.toUpperCase()} `, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = SessionBody.parse(res.body);
    expect(body.user).toMatchObject({ email, role: 'operator' });
    expect(body.tenant).toEqual({ id: ctx.tenantId, name: 'Acme', currency: 'USD', time_zone: 'UTC' });
    expect(body.permissions).toEqual(['ingest', 'read', 'configure', 'audit']);
    expect(body.expires_at).toBe(iso(NOW + SESSION_TTL_MS));
    const { cookie, attributes } = sessionCookie(res);
    expect(attributes).toEqual(
      expect.arrayContaining(['Max-Age=43200', 'Path=/', 'HttpOnly', 'SameSite=Strict']),
    );
    // plain http: no Secure flag (the browser would drop the cookie)
    expect(attributes).not.toContain('Secure');

    const me = await call('/v1/session', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(SessionBody.parse(me.body)).toEqual(body);
    // the cookie reads the API like a key of the same role
    expect((await call(`/v1/kpis?${PERIOD}`, { headers: { cookie } })).status).toBe(200);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const { ctx } = await tenant();
    const email = await userIn(ctx, 'viewer');
    const { app } = open();
    for (const [url, headers] of [
      ['https://workledger.example/v1/session', {}],
      ['http://127.0.0.1/v1/session', { 'x-forwarded-proto': 'https' }],
    ] as const) {
      const res = await app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure(;|$)/);
    }
  });

  it('answers a wrong password and an unknown email alike: 401, one message', async () => {
    const { ctx } = await tenant();
    const email = await userIn(ctx, 'admin');
    const attempt = async (who: string, password: string) => ({
      res: await call('/v1/session', { json: { email: who, password } }),
    });
    await attempt('warm-up@example.com', 'x'); // the first unknown email computes the stand-in hash
    const wrong = await attempt(email, 'not the password at all');
    const unknown = await attempt('nobody@example.com', PASSWORD);
    for (const { res } of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(ErrorBody.parse(res.body).error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: SIGN_IN_FAILED,
      });
    }
  });

  it('refuses sign-in from another site: JSON only, and a foreign Origin is refused', async () => {
    const { ctx } = await tenant();
    const email = await userIn(ctx, 'viewer');
    const body = JSON.stringify({ email, password: PASSWORD });
    // a cross-site <form enctype="text/plain"> can carry JSON-looking text, but not this content type
    const form = await call('/v1/session', { body, headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
    for (const origin of ['https://evil.example', 'null', 'http://localhost:9999']) {
      const res = await call('/v1/session', {
        body,
        headers: { 'content-type': 'application/json', origin },
      });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // the dashboard's own origin, and clients that send none (curl, scripts), sign in
    const own = await call('/v1/session', {
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost' },
    });
    expect(own.status).toBe(200);
  });

  it('rejects malformed sign-in bodies by field, and unknown or garbage cookies', async () => {
    const bad = await call('/v1/session', { json: { email: 'a@b.c', password: 'x', remember: true } });
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(bad.body).error.field).toBe('remember');
    expect(
      (await call('/v1/session', { body: '{nope', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    expect((await call('/v1/session', { json: { email: 'a@b.c' } })).status).toBe(400);
    for (const cookie of ['wl_session=forged-token', 'wl_session=', 'other=1']) {
      const res = await call('/v1/session', { headers: { cookie } });
      expect(res.status).toBe(401);
      expect((await call(`/v1/kpis?${PERIOD}`, { headers: { cookie } })).status).toBe(401);
    }
  });

  it('writes an audit entry for each sign-in and sign-out, without the password', async () => {
    const { ctx, keys } = await tenant();
    const email = await userIn(ctx, 'viewer');
    const { cookie, csrf, body } = await signIn(email);
    expect(
      (await call('/v1/session', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } })).status,
    ).toBe(204);
    const rows = await open()
      .store.db.selectFrom('audit_entries')
      .select(['actor', 'action', 'subject', 'detail'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('action', 'like', 'session.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.actor, r.subject])).toEqual([
      ['session.create', `user:${body.user.id}`, `user:${body.user.id}`],
      ['session.end', `user:${body.user.id}`, `user:${body.user.id}`],
    ]);
    expect(rows[0]?.detail).toContain(email);
    expect(rows.map((r) => r.detail).join()).not.toContain(PASSWORD);
    expect((await call('/v1/audit/verify', { key: keys.admin })).body).toMatchObject({ ok: true });
  });

  it('needs X-CSRF-Token on unsafe requests with the cookie, never with a Bearer key', async () => {
    const { ctx, keys } = await tenant();
    const { cookie, csrf } = await signIn(await userIn(ctx, 'operator'));
    const put = (headers: Record<string, string>) =>
      call('/v1/workflows/it', { method: 'PUT', json: { name: 'IT' }, headers });

    const missing = await put({ cookie });
    expect(missing.status).toBe(403);
    expect(ErrorBody.parse(missing.body).error.message).toContain('X-CSRF-Token');
    expect(
      (await put({ cookie, 'x-csrf-token': csrf.slice(0, -1) + (csrf.endsWith('A') ? 'B' : 'A') })).status,
    ).toBe(403);
    expect((await put({ cookie, 'x-csrf-token': '' })).status).toBe(403);
    // nothing was written
    expect((await call('/v1/workflows/it', { headers: { cookie } })).status).toBe(404);
    expect((await call('/v1/items', { json: { items: [] }, headers: { cookie } })).status).toBe(403);

    expect((await put({ cookie, 'x-csrf-token': csrf })).status).toBe(200);
    expect((await call('/v1/workflows/it', { headers: { cookie } })).body).toMatchObject({ name: 'IT' });
    // a Bearer key needs none, and the key wins over a cookie sent with it
    expect(
      (await call('/v1/workflows/hr', { method: 'PUT', key: keys.operator, json: { name: 'HR' } })).status,
    ).toBe(200);
    expect(
      (
        await call('/v1/workflows/hr', {
          method: 'PUT',
          key: keys.operator,
          json: { name: 'HR' },
          headers: { cookie },
        })
      ).status,
    ).toBe(200);
  });

  it('keeps the role: a viewer session reads, and is refused writes (403) even with the CSRF token', async () => {
    const { ctx } = await tenant();
    const { cookie, csrf, body } = await signIn(await userIn(ctx, 'viewer'));
    expect(body.permissions).toEqual(['read']);
    expect((await call(`/v1/kpis?${PERIOD}`, { headers: { cookie } })).status).toBe(200);
    const put = await call('/v1/workflows/it', {
      method: 'PUT',
      json: { name: 'IT' },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(put.status).toBe(403);
    expect(ErrorBody.parse(put.body).error.message).toContain("role 'viewer'");
    expect((await call('/v1/audit/verify', { headers: { cookie } })).status).toBe(403);
  });

  it('signs out: the cookie is cleared and the old token no longer works', async () => {
    const { ctx } = await tenant();
    const { cookie, csrf } = await signIn(await userIn(ctx, 'admin'));
    expect((await call('/v1/session', { method: 'DELETE', headers: { cookie } })).status).toBe(403);
    const out = await call('/v1/session', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^wl_session=; Max-Age=0; Path=\//);
    expect((await call('/v1/session', { headers: { cookie } })).status).toBe(401);
    expect((await call(`/v1/kpis?${PERIOD}`, { headers: { cookie } })).status).toBe(401);
  });

  it('expires a session after 12 hours', async () => {
    const { ctx } = await tenant();
    const { cookie } = await signIn(await userIn(ctx, 'viewer'));
    const later = createApp({ store: open().store, now: () => NOW + SESSION_TTL_MS });
    const justBefore = createApp({ store: open().store, now: () => NOW + SESSION_TTL_MS - HOUR });
    expect((await justBefore.request('/v1/session', { headers: { cookie } })).status).toBe(200);
    expect((await later.request('/v1/session', { headers: { cookie } })).status).toBe(401);
  });
});

describe('sessions and tenants', () => {
  const { tenant, call } = useHttpApp(NOW);

  const ticket = (externalId: string) => ({
    source: 'servicenow',
    external_id: externalId,
    opened_at: iso(NOW - DAY),
    resolved_at: iso(NOW - DAY + HOUR),
    handled_by: 'agent-a',
  });

  it("never lets a session of tenant A read tenant B's data", async () => {
    const a = await tenant('A');
    const b = await tenant('B');
    const email = 'same.person@example.com';
    await createUser({ ctx: a.ctx, input: { email, role: 'viewer', password: 'password of tenant A' } });
    await createUser({ ctx: b.ctx, input: { email, role: 'admin', password: 'password of tenant B' } });
    await call('/v1/items', { key: a.keys.ingest, json: { items: [ticket('ONLY-A')] } });
    await call('/v1/items', { key: b.keys.ingest, json: { items: [ticket('ONLY-B')] } });

    // the password picks the tenant when none is named
    const res = await call('/v1/session', { json: { email, password: 'password of tenant A' } });
    expect(res.status).toBe(200);
    expect(SessionBody.parse(res.body).tenant.id).toBe(a.ctx.tenantId);
    const { cookie } = sessionCookie(res);
    expect((await call('/v1/items/servicenow/ONLY-B', { headers: { cookie } })).status).toBe(404);
    expect((await call('/v1/items/servicenow/ONLY-A', { headers: { cookie } })).status).toBe(200);
    const list = z
      .object({ items: z.array(z.object({ external_id: z.string() })) })
      .parse((await call(`/v1/items?${PERIOD}`, { headers: { cookie } })).body);
    expect(list.items.map((i) => i.external_id)).toEqual(['ONLY-A']);

    // B's password does not open A, and A's does not open B
    const crossed = await call('/v1/session', {
      json: { tenant: a.ctx.tenantId, email, password: 'password of tenant B' },
    });
    expect(crossed.status).toBe(401);
    const toB = await call('/v1/session', {
      json: { tenant: b.ctx.tenantId, email, password: 'password of tenant A' },
    });
    expect(toB.status).toBe(401);
  });

  it('asks for the tenant when one email and password open several', async () => {
    const a = await tenant('A');
    const b = await tenant('B');
    const email = 'twice@example.com';
    await createUser({ ctx: a.ctx, input: { email, role: 'viewer', password: PASSWORD } });
    await createUser({ ctx: b.ctx, input: { email, role: 'viewer', password: PASSWORD } });
    const ambiguous = await call('/v1/session', { json: { email, password: PASSWORD } });
    expect(ambiguous.status).toBe(400);
    expect(ErrorBody.parse(ambiguous.body).error.field).toBe('tenant');
    const chosen = await call('/v1/session', { json: { tenant: b.ctx.tenantId, email, password: PASSWORD } });
    expect(SessionBody.parse(chosen.body).tenant.id).toBe(b.ctx.tenantId);
  });
});
