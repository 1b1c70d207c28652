import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Ctx } from '../../src/services/context.js';
import { getItem } from '../../src/services/kpis/read-items.js';
import { verifyAudit } from '../../src/services/audit/verify-audit.js';
import { createWebhookSecret } from '../../src/services/config/webhook-secrets.js';
import { forEachEngine } from '../helpers/engines.js';
import { useHttpAppOn } from '../helpers/http.js';
import { fixtureFile } from '../helpers/shared-data.js';

const NOW = Date.UTC(2025, 0, 1);
const REOPENS = 20;
const REOPENED_AT = 1_550_287_026_531; // the captured TES-41 reopen: 2019-02-16T03:17:06.531Z

const Accepted = z.object({ accepted: z.literal(true), action: z.enum(['created', 'updated', 'unchanged']) });

function fixture(name: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(fixtureFile('jira', name), 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${name}: not an object`);
  return { ...value };
}

/**
 * A captured TES-41 webhook as another event of the same kind: its own change group id, webhook
 * timestamp `at` and issue `updated` 30 ms before it, as Jira sends them.
 */
function eventAt(name: string, changeGroup: number, at: number): string {
  const hook = fixture(name);
  const issue = z.looseObject({ fields: z.looseObject({}) }).parse(hook.issue);
  const changelog = z.looseObject({}).parse(hook.changelog);
  return JSON.stringify({
    ...hook,
    timestamp: at,
    changelog: { ...changelog, id: String(changeGroup) },
    issue: { ...issue, fields: { ...issue.fields, updated: new Date(at - 30).toISOString() } },
  });
}

function timestampOf(body: string): number {
  return z.object({ timestamp: z.number() }).parse(JSON.parse(body)).timestamp;
}

/** The i-th distinct reopen (Done -> To Do), i seconds after the captured one. */
function reopen(i: number): string {
  return eventAt('webhook-issue-updated-reopened.json', 20_000 + i, REOPENED_AT + i * 1000);
}

forEachEngine('concurrent Jira webhooks of one issue', ({ store }) => {
  const { tenant, open } = useHttpAppOn(store, NOW);

  async function webhookTenant(name: string) {
    const { ctx } = await tenant(name);
    const { secret } = await createWebhookSecret({ ctx, input: { source: 'jira' } });
    const post = async (body: string) => {
      const query = new URLSearchParams({ tenant: ctx.tenantId, secret });
      const res = await open().app.request(`/v1/webhooks/jira?${query.toString()}`, { method: 'POST', body });
      expect(res.status).toBe(202);
      return Accepted.parse(await res.json()).action;
    };
    return { ctx, post };
  }

  const stored = (ctx: Ctx) => getItem({ ctx, input: { source: 'jira', externalId: 'TES-41' } });

  async function expectAuditIntact(ctx: Ctx) {
    expect(await verifyAudit({ ctx, input: { key: null } })).toMatchObject({ ok: true });
  }

  it(`counts every one of ${REOPENS} distinct reopens sent at once, and none of them replayed`, async () => {
    const { ctx, post } = await webhookTenant('jira concurrency');
    expect(await post(JSON.stringify(fixture('webhook-issue-created.json')))).toBe('created');

    const bodies = Array.from({ length: REOPENS }, (_, i) => reopen(i + 1));
    const actions = await Promise.all(bodies.map(post));
    // Each is a distinct event: a newer one writes its fields and its reopen, an older one (locked out
    // until a newer one was stored) still adds its reopen.
    expect(actions).toEqual(Array.from({ length: REOPENS }, () => 'updated'));
    const item = await stored(ctx);
    expect(item.reopen_count).toBe(REOPENS);
    expect(item.updated_at).toBe(new Date(REOPENED_AT + REOPENS * 1000).toISOString()); // the newest
    expect(item.outcome).toBe('open');
    expect(item.audit).toHaveLength(1 + REOPENS); // one entry per event that changed the item

    const replays = await Promise.all(bodies.map(post));
    expect(replays).toEqual(Array.from({ length: REOPENS }, () => 'unchanged'));
    const replayed = await stored(ctx);
    expect(replayed.reopen_count).toBe(REOPENS);
    expect(replayed.audit).toHaveLength(1 + REOPENS);
    await expectAuditIntact(ctx);
  });

  it('gives the newest event its fields and every event its counts, in any order', async () => {
    // TES-41's captured life: created, started, resolved, reopened, assigned (first assignment),
    // unassigned (a reassignment), priority raised; plus 5 more reopens and 3 more unassignments
    // between the reopen and the priority raise, each its own event.
    const captured = [
      'webhook-issue-created.json',
      'webhook-issue-updated-started-working.json',
      'webhook-issue-updated-resolved.json',
      'webhook-issue-updated-reopened.json',
      'webhook-issue-updated-assigned.json',
      'webhook-issue-updated-assigned-nobody.json',
      'webhook-issue-updated-raised-priority.json',
    ].map((name) => JSON.stringify(fixture(name)));
    const moreReopens = [1, 2, 3, 4, 5].map(reopen);
    const moreUnassignments = [1, 2, 3].map((i) =>
      eventAt('webhook-issue-updated-assigned-nobody.json', 30_000 + i, 1_550_351_432_604 - i * 60_000),
    );
    const all = [...captured, ...moreReopens, ...moreUnassignments];

    const inOrder = await webhookTenant('jira in order');
    for (const body of captured) await inOrder.post(body);
    const reference = await stored(inOrder.ctx);
    expect(reference).toMatchObject({ reopen_count: 1, reassignment_count: 1 });

    // Newest first, one at a time: after the first, every event is older than the stored version, and
    // only the 10 that add a reopen or a reassignment change it.
    const reversed = await webhookTenant('jira reversed');
    const newestFirst = [...all].sort((a, b) => timestampOf(b) - timestampOf(a));
    const reversedActions: string[] = [];
    for (const body of newestFirst) reversedActions.push(await reversed.post(body));
    expect(reversedActions.filter((a) => a === 'updated')).toHaveLength(10);
    expect(reversedActions.filter((a) => a === 'unchanged')).toHaveLength(4); // started, resolved, …
    // All at once, in a scrambled order.
    const scrambled = await webhookTenant('jira scrambled');
    const order = all.map((_, i) => (i * 7) % all.length); // 7 and 15 are coprime: a permutation
    const scrambledActions = await Promise.all(order.map((i) => scrambled.post(all[i] ?? '')));

    for (const [{ ctx }, actions] of [
      [reversed, reversedActions],
      [scrambled, scrambledActions],
    ] as const) {
      const { audit: _audit, reopen_count, reassignment_count, ...fields } = await stored(ctx);
      const { audit: _referenceAudit, reopen_count: _r, reassignment_count: _a, ...newest } = reference;
      expect(fields).toEqual(newest); // the fields of the priority raise, the newest event
      expect(reopen_count).toBe(1 + moreReopens.length);
      expect(reassignment_count).toBe(1 + moreUnassignments.length);
      // one entry per event that changed the item
      expect((await stored(ctx)).audit).toHaveLength(actions.filter((a) => a !== 'unchanged').length);
      await expectAuditIntact(ctx);
    }
  });
});
