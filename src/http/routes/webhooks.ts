import { OpenAPIHono } from '@hono/zod-openapi';
import { acceptJiraWebhook } from '../../ingest/accept-jira-webhook.js';
import type { Store } from '../../services/runtime.js';
import { authenticateWebhookRequest } from '../authenticate.js';
import { queryLists, type AppEnv } from '../env.js';
import { rejectUnknown } from '../query-params.js';
import { readJson } from '../read-json.js';
import { declared, queryNames } from '../contract/declare.js';
import { postJiraWebhookRoute } from '../contract/webhooks.js';

/**
 * Webhook receivers. They authenticate by the tenant's shared secret (query `secret` or the
 * X-Workledger-Webhook-Secret header), not by a Bearer key: Jira Cloud cannot send custom auth headers.
 */
export function webhookRoutes(deps: { store: Store; now: () => number }) {
  const app = new OpenAPIHono<AppEnv>();
  return app.openapi(declared(app, postJiraWebhookRoute), async (c) => {
    const query = queryLists(c);
    const ctx = await authenticateWebhookRequest(c, query, deps, 'jira');
    rejectUnknown(query, queryNames(postJiraWebhookRoute));
    const payload = await readJson(c);
    const result = await acceptJiraWebhook({ ctx, input: { payload, workflow: query.workflow?.[0] } });
    return c.json({ accepted: true as const, ...result }, 202);
  });
}
