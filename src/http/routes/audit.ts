import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import {
  describeAuditKey,
  getLatestCheckpoint,
  sealAndSendCheckpoint,
} from '../../services/audit/audit-checkpoints.js';
import type { AuditSetup } from '../../services/audit/audit-setup.js';
import { getCheckpointWebhook, putCheckpointWebhook } from '../../services/audit/checkpoint-webhook.js';
import { verifyAudit, verifyAuditRequest } from '../../services/audit/verify-audit.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';

/**
 * The audit trail: verify (GET, or POST with a kept checkpoint), the signed checkpoints (latest, seal
 * now), the instance public key, and the webhook checkpoints are copied to.
 */
export function registerAuditRoutes(app: Hono<AppEnv>, { audit }: { audit: AuditSetup }): void {
  app.get('/v1/audit/verify', async (c) =>
    c.json(await verifyAudit({ ctx: c.get('ctx'), input: { key: audit.key } })),
  );
  app.post('/v1/audit/verify', async (c) =>
    c.json(
      await verifyAuditRequest({ ctx: c.get('ctx'), input: { key: audit.key, body: await readJson(c) } }),
    ),
  );
  app.get('/v1/audit/checkpoints', async (c) => c.json(await getLatestCheckpoint(c.get('ctx'))));
  app.post('/v1/audit/checkpoints', async (c) => {
    const answer = await sealAndSendCheckpoint({ ctx: c.get('ctx'), input: audit });
    return c.json(answer, answer.sealed ? 201 : 200);
  });
  app.get('/v1/audit/public-key', (c) => c.json(describeAuditKey({ ctx: c.get('ctx'), input: audit })));
  app.get('/v1/audit/checkpoint-webhook', async (c) => c.json(await getCheckpointWebhook(c.get('ctx'))));
  app.put('/v1/audit/checkpoint-webhook', async (c) =>
    c.json(await putCheckpointWebhook({ ctx: c.get('ctx'), input: await readJson(c) })),
  );
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function auditRoutes(deps: { audit: AuditSetup }) {
  const app = new OpenAPIHono<AppEnv>();
  registerAuditRoutes(app, deps);
  return app;
}
