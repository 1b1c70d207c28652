import { OpenAPIHono } from '@hono/zod-openapi';
import { WorkledgerError } from '../../domain/errors.js';
import { acceptJiraWebhook } from '../../ingest/accept-jira-webhook.js';
import type { Ctx } from '../../services/context.js';
import type { Store } from '../../services/runtime.js';
import { authenticateWebhook } from '../../services/config/webhook-secrets.js';
import { queryLists, type AppEnv } from '../env.js';
import { rejectUnknown } from '../query-params.js';
import { readBodyText } from '../read-body.js';
import { declared, queryNames } from '../contract/declare.js';
import { postJiraWebhookRoute, WEBHOOK_SECRET_HEADER } from '../contract/webhooks.js';

/**
 * Webhook receivers. They authenticate by the tenant's shared secret (query `secret` or the
 * X-Workledger-Webhook-Secret header), not by a Bearer key: Jira Cloud cannot send custom auth headers.
 */
export function webhookRoutes(deps: { store: Store; now: () => number }) {
  const app = new OpenAPIHono<AppEnv>();
  return app.openapi(declared(app, postJiraWebhookRoute), async (c) => {
    const query = queryLists(c);
    const { tenantId } = await authenticateWebhook(deps.store, {
      tenantId: query.tenant?.[0],
      source: 'jira',
      secret: c.req.header(WEBHOOK_SECRET_HEADER) ?? query.secret?.[0],
    });
    rejectUnknown(query, queryNames(postJiraWebhookRoute));
    const ctx: Ctx = {
      store: deps.store,
      tenantId,
      actor: { kind: 'system', job: 'webhook:jira' },
      requestId: c.get('requestId'),
      now: deps.now,
    };
    const text = await readBodyText(c);
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      throw new WorkledgerError('VALIDATION', `body: not valid JSON (${(error as Error).message})`, 'body');
    }
    const workflow = query.workflow?.[0];
    const result = await acceptJiraWebhook(ctx, payload, workflow ? { workflow } : {});
    return c.json({ accepted: true as const, ...result }, 202);
  });
}
