import { OpenAPIHono } from '@hono/zod-openapi';
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
import { declared } from '../contract/declare.js';
import {
  getAuditCheckpointRoute,
  getAuditPublicKeyRoute,
  getAuditVerifyRoute,
  getCheckpointWebhookRoute,
  postAuditCheckpointRoute,
  postAuditVerifyRoute,
  putCheckpointWebhookRoute,
} from '../contract/audit.js';

/**
 * The audit trail: verify (GET, or POST with a kept checkpoint), the signed checkpoints (latest, seal
 * now), the instance public key, and the webhook checkpoints are copied to.
 */
export function auditRoutes({ audit }: { audit: AuditSetup }) {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, getAuditVerifyRoute), async (c) =>
      c.json(await verifyAudit({ ctx: c.get('ctx'), input: { key: audit.key } }), 200),
    )
    .openapi(declared(app, postAuditVerifyRoute), async (c) =>
      c.json(
        await verifyAuditRequest({ ctx: c.get('ctx'), input: { key: audit.key, body: await readJson(c) } }),
        200,
      ),
    )
    .openapi(declared(app, getAuditCheckpointRoute), async (c) =>
      c.json(await getLatestCheckpoint(c.get('ctx')), 200),
    )
    .openapi(declared(app, postAuditCheckpointRoute), async (c) => {
      const answer = await sealAndSendCheckpoint({ ctx: c.get('ctx'), input: audit });
      return answer.sealed ? c.json(answer, 201) : c.json(answer, 200);
    })
    .openapi(declared(app, getAuditPublicKeyRoute), (c) =>
      c.json(describeAuditKey({ ctx: c.get('ctx'), input: audit }), 200),
    )
    .openapi(declared(app, getCheckpointWebhookRoute), async (c) =>
      c.json(await getCheckpointWebhook(c.get('ctx')), 200),
    )
    .openapi(declared(app, putCheckpointWebhookRoute), async (c) =>
      c.json(await putCheckpointWebhook({ ctx: c.get('ctx'), input: await readJson(c) }), 200),
    );
}
