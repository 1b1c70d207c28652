import { createRoute, z } from '@hono/zod-openapi';
import { JiraWebhook } from '../../ingest/importers/jira-schema.js';
import { json, jsonBody } from './declare.js';

/** The header that may carry the secret instead of the query string. */
export const WEBHOOK_SECRET_HEADER = 'x-workledger-webhook-secret';

/** What one Jira webhook did to its item. */
export const JiraWebhookAccepted = z
  .strictObject({
    accepted: z.literal(true),
    action: z.enum(['created', 'updated', 'unchanged', 'ignored']),
    key: z.string().optional().openapi({ description: 'the issue key, when the event names one' }),
    reason: z.string().optional().openapi({ description: 'why the item was not (fully) changed' }),
  })
  .openapi('JiraWebhookAccepted');

export const postJiraWebhookRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/jira',
  summary: 'Receive one Jira Cloud or Server webhook and keep its item current',
  description:
    "Authenticated by the tenant's shared webhook secret (workledger webhooks), sent as the `secret` query " +
    'parameter or the X-Workledger-Webhook-Secret header, not by an API key: Jira Cloud cannot send custom ' +
    'auth headers.',
  security: [],
  request: {
    query: z.object({
      tenant: z.string().openapi({ description: 'the tenant id' }),
      secret: z
        .string()
        .optional()
        .openapi({ description: "the tenant's Jira webhook secret (or the header)" }),
      workflow: z.string().optional().openapi({ description: "the workflow of the webhook's items" }),
    }),
    headers: z.object({
      [WEBHOOK_SECRET_HEADER]: z
        .string()
        .optional()
        .openapi({ description: "the tenant's Jira webhook secret (or the query parameter)" }),
    }),
    body: jsonBody(
      JiraWebhook,
      'the Jira webhook payload (any event; those that change no item are ignored)',
    ),
  },
  responses: { 202: json(JiraWebhookAccepted, 'the event was applied (or ignored, with the reason)') },
});
