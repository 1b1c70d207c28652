import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { createApp, type App } from '../../src/http/app.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Actor, Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { getItem } from '../../src/services/kpis/read-items.js';
import { openStore, type Store } from '../../src/services/runtime.js';
import { createWebhookSecret } from '../../src/services/config/webhook-secrets.js';
import { fixtureFile } from '../helpers/shared-data.js';

const NOW = Date.UTC(2025, 0, 1);
const ACTOR: Actor = { kind: 'cli', user: 'test' };

const Accepted = z.object({
  accepted: z.literal(true),
  action: z.enum(['created', 'updated', 'unchanged', 'ignored']),
  key: z.string().optional(),
  reason: z.string().optional(),
});
const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

function fixtureText(name: string): string {
  return readFileSync(fixtureFile('jira', name), 'utf8');
}

/** A real fixture with some top-level fields replaced (a test variant of a captured webhook). */
function variant(name: string, change: (hook: Record<string, unknown>) => Record<string, unknown>): string {
  const hook: unknown = JSON.parse(fixtureText(name));
  if (typeof hook !== 'object' || hook === null) throw new Error(`${name}: not an object`);
  return JSON.stringify(change({ ...hook }));
}

let dir = '';
let store: Store;
let app: App;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'workledger-webhooks-'));
  store = await openStore({ sqlitePath: path.join(dir, 'ledger.db') });
  app = createApp({ store, now: () => NOW });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newTenant(): Promise<{ ctx: Ctx; secret: string }> {
  const input = { name: 'webhook tenant' };
  const tenant = await createTenant({ store, actor: ACTOR, now: () => NOW, input });
  const ctx: Ctx = { store, tenantId: tenant.id, actor: ACTOR, requestId: 'test', now: () => NOW };
  const { secret } = await createWebhookSecret({ ctx, input: { source: 'jira' } });
  return { ctx, secret };
}

/** POST a webhook body with the secret in the query string, or in the header when `viaHeader`. */
async function post(ctx: Ctx, secret: string, body: string, viaHeader = false) {
  const query = new URLSearchParams({ tenant: ctx.tenantId, ...(viaHeader ? {} : { secret }) });
  const headers = viaHeader ? { 'x-workledger-webhook-secret': secret } : undefined;
  const res = await app.request(`/v1/webhooks/jira?${query.toString()}`, { method: 'POST', headers, body });
  const answer: unknown = await res.json();
  return { status: res.status, body: answer };
}

async function deliver(ctx: Ctx, secret: string, name: string): Promise<z.infer<typeof Accepted>> {
  const res = await post(ctx, secret, fixtureText(name));
  expect(res.status, name).toBe(202);
  return Accepted.parse(res.body);
}

function stored(ctx: Ctx, key: string) {
  return getItem({ ctx, input: { source: 'jira', externalId: key } });
}

describe('POST /v1/webhooks/jira', () => {
  it('keeps TES-41 current through created, commented, started, resolved, reopened, assigned, unassigned', async () => {
    const { ctx, secret } = await newTenant();
    expect(await deliver(ctx, secret, 'webhook-issue-created.json')).toMatchObject({
      action: 'created',
      key: 'TES-41',
    });
    expect(await stored(ctx, 'TES-41')).toMatchObject({
      source: 'jira',
      handled_by: 'human',
      opened_at: '2019-02-16T03:01:52.971Z', // 2019-02-15T19:01:52.971-0800
      outcome: 'open',
      reassignment_count: 0,
      reopen_count: 0,
    });
    // the only comment is by the reporter: not a response
    expect(await deliver(ctx, secret, 'webhook-cloud-comment-created.json')).toMatchObject({
      action: 'ignored',
    });
    await deliver(ctx, secret, 'webhook-issue-updated-started-working.json');
    expect(await deliver(ctx, secret, 'webhook-issue-updated-resolved.json')).toMatchObject({
      action: 'updated',
    });
    expect(await stored(ctx, 'TES-41')).toMatchObject({
      outcome: 'resolved',
      resolved_at: '2019-02-16T03:15:40.470Z',
    });
    await deliver(ctx, secret, 'webhook-issue-updated-reopened.json');
    expect(await stored(ctx, 'TES-41')).toMatchObject({
      outcome: 'open',
      resolved_at: null,
      reopen_count: 1,
    });
    await deliver(ctx, secret, 'webhook-issue-updated-assigned.json');
    expect((await stored(ctx, 'TES-41')).reassignment_count).toBe(0); // first assignment
    // the same change in the old Server format (same timestamp): nothing new
    const old = await deliver(ctx, secret, 'webhook-server-old-issue-updated-no-event-type-assigned.json');
    expect(old.action).toBe('unchanged');
    await deliver(ctx, secret, 'webhook-issue-updated-assigned-nobody.json');
    await deliver(ctx, secret, 'webhook-issue-updated-raised-priority.json');
    const after = await stored(ctx, 'TES-41');
    expect(after).toMatchObject({
      reassignment_count: 1, // Test User -> nobody
      reopen_count: 1,
      outcome: 'open',
      updated_at: '2019-02-16T21:15:16.080Z', // timestamp 1550351716080
    });

    // replaying a webhook, or a late older one, changes nothing
    expect((await deliver(ctx, secret, 'webhook-issue-updated-raised-priority.json')).action).toBe(
      'unchanged',
    );
    expect((await deliver(ctx, secret, 'webhook-issue-updated-reopened.json')).action).toBe('unchanged');
    expect((await deliver(ctx, secret, 'webhook-issue-updated-assigned-nobody.json')).action).toBe(
      'unchanged',
    );
    const replayed = await stored(ctx, 'TES-41');
    expect(replayed).toMatchObject({ reassignment_count: 1, reopen_count: 1, updated_at: after.updated_at });
    expect(replayed.audit).toHaveLength(after.audit.length);
  });

  it('follows the Server TES-4 through resolved, reopened, in progress and closed', async () => {
    const { ctx, secret } = await newTenant();
    for (const name of [
      'webhook-server-issue-updated-resolved.json',
      'webhook-server-issue-updated-reopened.json',
      'webhook-server-issue-updated-in-progress.json',
      'webhook-server-issue-updated-closed.json',
    ])
      await deliver(ctx, secret, name);
    // a late older webhook (In Progress, 1565751753680 < 1565752078358) changes nothing
    expect((await deliver(ctx, secret, 'webhook-server-issue-updated-in-progress.json')).action).toBe(
      'unchanged',
    );
    expect(await stored(ctx, 'TES-4')).toMatchObject({
      opened_at: '2019-08-12T22:14:23.580Z', // 2019-08-13T06:14:23.580+0800
      resolved_at: '2019-08-14T03:03:02.179Z', // 2019-08-14T11:03:02.179+0800
      closed_at: '2019-08-14T03:07:58.358Z', // the Resolved -> Closed webhook's timestamp
      outcome: 'resolved',
      reopen_count: 1, // Resolved -> Reopened
      reassignment_count: 0,
      priority: 3,
      category: 'Bug',
    });
  });

  it('records a first response and a deletion', async () => {
    const { ctx, secret } = await newTenant();
    await deliver(ctx, secret, 'webhook-issue-created.json');
    const byAgent = variant('webhook-cloud-comment-created.json', (hook) => ({
      ...hook,
      comment: { ...Object(hook.comment), author: { accountId: 'agent-7', displayName: 'Agent' } },
    }));
    expect(Accepted.parse((await post(ctx, secret, byAgent)).body).action).toBe('updated');
    // comment created 2019-02-15T19:11:18.321-0800
    expect((await stored(ctx, 'TES-41')).first_response_at).toBe('2019-02-16T03:11:18.321Z');

    // IDT-19 unseen: its deletion is ignored; seen first (an update one second earlier): abandoned
    expect(await deliver(ctx, secret, 'webhook-issue-deleted.json')).toMatchObject({ action: 'ignored' });
    const earlier = variant('webhook-issue-deleted.json', (hook) => ({
      ...hook,
      webhookEvent: 'jira:issue_updated',
      timestamp: Number(hook.timestamp) - 1000,
    }));
    expect(Accepted.parse((await post(ctx, secret, earlier)).body).action).toBe('created');
    expect(await deliver(ctx, secret, 'webhook-issue-deleted.json')).toMatchObject({ action: 'updated' });
    expect(await stored(ctx, 'IDT-19')).toMatchObject({
      outcome: 'abandoned',
      attributes: { deleted: true },
    });
  });

  it('accepts the secret in the header, and answers 401 to a wrong or missing one', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const body = fixtureText('webhook-issue-created.json');
    expect((await post(a.ctx, a.secret, body, true)).status).toBe(202);
    for (const res of [
      await post(a.ctx, 'whs_wrong', body),
      await post(a.ctx, 'whs_wrong', body, true),
      await post(a.ctx, b.secret, body), // another tenant's secret
      await post(a.ctx, '', body),
    ]) {
      expect(res.status).toBe(401);
      expect(ErrorBody.parse(res.body).error.code).toBe('UNAUTHENTICATED');
    }
    const noTenant = await app.request(`/v1/webhooks/jira?secret=${a.secret}`, { method: 'POST', body });
    expect(noTenant.status).toBe(401);
    // a Bearer key is no webhook secret
    const { key } = await createApiKey({ ctx: a.ctx, input: { role: 'admin' } });
    const bearer = await app.request(`/v1/webhooks/jira?tenant=${a.ctx.tenantId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body,
    });
    expect(bearer.status).toBe(401);
  });

  it('answers 400 naming the field of an unreadable payload', async () => {
    const { ctx, secret } = await newTenant();
    const cases: [string, string][] = [
      ['{not json', 'body'],
      [variant('webhook-issue-created.json', ({ timestamp: _t, ...rest }) => rest), 'timestamp'],
      [
        variant('webhook-issue-created.json', (hook) => ({
          ...hook,
          issue: { key: 'TES-41', fields: { created: 'x' } },
        })),
        'issue.fields.created',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await post(ctx, secret, body);
      expect(res.status, field).toBe(400);
      expect(ErrorBody.parse(res.body).error).toMatchObject({ code: 'VALIDATION', field });
    }
    const unknown = await app.request(`/v1/webhooks/jira?tenant=${ctx.tenantId}&secret=${secret}&tenat=x`, {
      method: 'POST',
      body: fixtureText('webhook-issue-created.json'),
    });
    expect(unknown.status).toBe(400);
  });

  it('leaves every other /v1 route behind the Bearer key', async () => {
    const { ctx, secret } = await newTenant();
    const query = `tenant=${ctx.tenantId}&secret=${secret}`;
    expect((await app.request(`/v1/items/jira/TES-41?${query}`)).status).toBe(401);
    const items = await app.request(`/v1/items?${query}`, { method: 'POST', body: '{"items":[]}' });
    expect(items.status).toBe(401);
    expect(
      (await app.request('/v1/items/jira/TES-41', { headers: { 'x-workledger-webhook-secret': secret } }))
        .status,
    ).toBe(401);
    const { key } = await createApiKey({ ctx, input: { role: 'viewer' } });
    await deliver(ctx, secret, 'webhook-issue-created.json');
    const read = await app.request('/v1/items/jira/TES-41', { headers: { authorization: `Bearer ${key}` } });
    expect(read.status).toBe(200);
  });
});

describe('workledger webhooks create-secret', () => {
  it('prints the secret once, rotates it, audits it, and needs an admin', async () => {
    const { ctx, secret: first } = await newTenant();
    const out: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, cwd: dir };
    const argv = ['webhooks', 'create-secret', '--source', 'jira', '--tenant', ctx.tenantId, '--json'];
    const code = await main(['node', 'workledger', ...argv, '--db', path.join(dir, 'ledger.db')], io);
    expect(code, out.join('\n')).toBe(0);
    const created = z
      .object({ secret: z.string(), tenant_id: z.string(), replaced: z.boolean(), webhook_path: z.string() })
      .parse(JSON.parse(out.join('\n')));
    expect(created).toMatchObject({ tenant_id: ctx.tenantId, replaced: true });
    expect(created.webhook_path).toContain(`tenant=${ctx.tenantId}`);
    expect((await post(ctx, created.secret, fixtureText('webhook-issue-created.json'))).status).toBe(202);
    expect((await post(ctx, first, fixtureText('webhook-issue-created.json'))).status).toBe(401);

    const rows = await store.db
      .selectFrom('audit_entries')
      .select(['action', 'detail'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('action', '=', 'webhook_secret.create')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => !r.detail.includes(created.secret))).toBe(true);

    const operator: Ctx = { ...ctx, actor: { kind: 'api_key', keyId: 'k', role: 'operator' } };
    await expect(createWebhookSecret({ ctx: operator, input: { source: 'jira' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createWebhookSecret({ ctx, input: { source: 'gitlab' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'source',
    });
  });
});
