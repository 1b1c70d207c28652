import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { getItem } from '../../src/services/read-items.js';
import { createWebhookSecret } from '../../src/services/webhook-secrets.js';
import { forEachEngine } from '../helpers/engines.js';
import { useHttpAppOn } from '../helpers/http.js';
import { sharedDataFile } from '../helpers/shared-data.js';

const NOW = Date.UTC(2025, 0, 1);
const REOPENS = 20;

const Accepted = z.object({ accepted: z.literal(true), action: z.enum(['created', 'updated', 'unchanged']) });

function fixture(name: string): Record<string, unknown> {
  const value: unknown = JSON.parse(readFileSync(sharedDataFile('jira', name), 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${name}: not an object`);
  return { ...value };
}

/** The captured TES-41 reopen, moved `seconds` later: its own webhook timestamp and issue `updated`. */
function reopenedLater(seconds: number): string {
  const hook = fixture('webhook-issue-updated-reopened.json');
  const issue = z.looseObject({ fields: z.looseObject({}) }).parse(hook.issue);
  const at = 1_550_287_026_531 + seconds * 1000; // 2019-02-16T03:17:06.531Z
  return JSON.stringify({
    ...hook,
    timestamp: at,
    issue: { ...issue, fields: { ...issue.fields, updated: new Date(at - 30).toISOString() } },
  });
}

forEachEngine('concurrent Jira webhooks of one issue', ({ store }) => {
  const { tenant, open } = useHttpAppOn(store, NOW);

  it(`counts every reopen of ${REOPENS} sent at once`, async () => {
    const { ctx } = await tenant('jira concurrency');
    const { secret } = await createWebhookSecret({ ctx, input: { source: 'jira' } });
    const post = async (body: string) => {
      const query = new URLSearchParams({ tenant: ctx.tenantId, secret });
      const res = await open().app.request(`/v1/webhooks/jira?${query.toString()}`, { method: 'POST', body });
      expect(res.status).toBe(202);
      return Accepted.parse(await res.json()).action;
    };
    expect(await post(JSON.stringify(fixture('webhook-issue-created.json')))).toBe('created');

    const actions = await Promise.all(Array.from({ length: REOPENS }, (_, i) => post(reopenedLater(i + 1))));
    const item = await getItem({ ctx, input: { source: 'jira', externalId: 'TES-41' } });
    // Each webhook that changed the item added its reopen to what the one before it stored; a webhook
    // locked out until a newer one was stored is a late older change, which changes nothing by design.
    const updated = actions.filter((a) => a === 'updated').length;
    expect(updated + actions.filter((a) => a === 'unchanged').length).toBe(REOPENS);
    expect(item.reopen_count).toBe(updated);
    expect(updated).toBeGreaterThan(1);
    expect(item.audit).toHaveLength(1 + updated); // one entry per webhook that changed it
  });
});
