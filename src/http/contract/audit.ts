import { createRoute, z } from '@hono/zod-openapi';
import { SignedCheckpoint as SignedCheckpointInput } from '../../domain/audit/checkpoint.js';
import { CheckpointWebhookInput } from '../../services/audit/checkpoint-webhook.js';
import { VerifyRequest } from '../../services/audit/verify-audit.js';
import { json, jsonBody } from './declare.js';

/**
 * A signed checkpoint as it was signed and is handed out: the JSON as printed is the proof. (The domain's
 * schema, wrapped here: a schema built before @hono/zod-openapi extends zod has no `.openapi`.)
 */
export const SignedCheckpoint = z.strictObject(SignedCheckpointInput.shape).openapi('SignedCheckpoint');

/** Rows checked per audited table. */
const RowCounts = z.record(z.string(), z.number().int());

/** The verdict of a verification: everything checked and counted, or the first finding with the counts so far. */
export const AuditVerdict = z
  .discriminatedUnion('ok', [
    z.strictObject({
      ok: z.literal(true),
      entries: z.number().int(),
      leaves: z.number().int(),
      rows: RowCounts,
      checkpoints: z.number().int(),
      head: z.string().openapi({ description: 'the hash of the last entry' }),
      head_seq: z.number().int(),
      checkpoint: z
        .strictObject({ seq: z.number().int(), head_hash: z.string() })
        .nullable()
        .openapi({ description: 'the checkpoint given to verify against, when one was' }),
    }),
    z.strictObject({
      ok: z.literal(false),
      seq: z.number().int().nullable().openapi({ description: 'the entry the finding concerns' }),
      subject: z.string().nullable().openapi({ description: "the row's leaf subject" }),
      reason: z.string(),
      entries_checked: z.number().int(),
      leaves_checked: z.number().int(),
      rows_checked: RowCounts,
      checkpoints_checked: z.number().int(),
    }),
  ])
  .openapi('AuditVerdict');

/** How posting the latest checkpoint to the tenant's webhook went. */
export const CheckpointDelivery = z
  .strictObject({
    url: z.string(),
    seq: z.number().int(),
    delivered: z.boolean(),
    response_status: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('CheckpointDelivery');

export const CheckpointSealing = z
  .strictObject({
    checkpoint: SignedCheckpoint,
    sealed: z.boolean().openapi({ description: 'false: the chain had not grown since the last checkpoint' }),
    // a union, not .nullable(): the generator drops the null of a nullable component reference
    delivery: z.union([CheckpointDelivery, z.null()]).openapi({
      description: 'null when no webhook is set or the checkpoint was delivered already',
    }),
  })
  .openapi('CheckpointSealing');

export const AuditPublicKey = z
  .strictObject({
    algorithm: z.literal('Ed25519'),
    key_id: z.string().openapi({ description: 'SHA-256 of the raw public key, hex' }),
    public_key_pem: z.string(),
  })
  .openapi('AuditPublicKey');

/** The checkpoint webhook as the API shows it: the secret only as `signed`. */
export const CheckpointWebhook = z
  .strictObject({
    url: z.string().nullable(),
    signed: z.boolean(),
    updated_at: z.string().nullable(),
  })
  .openapi('CheckpointWebhook');

/**
 * The body of POST /v1/audit/verify: VerifyRequest itself, its `checkpoint` (any JSON object, parsed by
 * the service) given the OpenAPI type its custom check cannot tell the generator (with zod's own `.meta`,
 * which the generator reads and every schema has).
 */
export const VerifyBody = VerifyRequest.extend({
  checkpoint: VerifyRequest.shape.checkpoint.meta({
    type: 'object',
    description: 'a signed checkpoint kept elsewhere: bare, or a saved `{ checkpoint, … }` answer',
  }),
}).openapi('VerifyRequest');

export const getAuditVerifyRoute = createRoute({
  method: 'get',
  path: '/v1/audit/verify',
  summary: "Recompute the tenant's audit trail and name the first mismatch",
  responses: { 200: json(AuditVerdict, 'the verdict (ok, or the first finding)') },
});

export const postAuditVerifyRoute = createRoute({
  method: 'post',
  path: '/v1/audit/verify',
  summary: 'Verify the audit trail against a checkpoint kept elsewhere',
  request: {
    body: jsonBody(VerifyBody, 'a kept checkpoint, and optionally the public key to check it with'),
  },
  responses: { 200: json(AuditVerdict, 'the verdict (ok, or the first finding)') },
});

export const getAuditCheckpointRoute = createRoute({
  method: 'get',
  path: '/v1/audit/checkpoints',
  summary: "The tenant's newest signed checkpoint",
  responses: {
    200: json(z.strictObject({ checkpoint: SignedCheckpoint }), 'the newest checkpoint'),
  },
});

export const postAuditCheckpointRoute = createRoute({
  method: 'post',
  path: '/v1/audit/checkpoints',
  summary: "Seal a checkpoint now and post it to the tenant's checkpoint webhook",
  responses: {
    200: json(CheckpointSealing, 'the chain had not grown: the latest checkpoint, not sealed again'),
    201: json(CheckpointSealing, 'a new checkpoint, sealed'),
  },
});

export const getAuditPublicKeyRoute = createRoute({
  method: 'get',
  path: '/v1/audit/public-key',
  summary: "The instance's public key that signs checkpoints",
  responses: { 200: json(AuditPublicKey, 'the public key and its id') },
});

export const getCheckpointWebhookRoute = createRoute({
  method: 'get',
  path: '/v1/audit/checkpoint-webhook',
  summary: 'Where signed checkpoints are copied',
  responses: { 200: json(CheckpointWebhook, 'the checkpoint webhook') },
});

export const putCheckpointWebhookRoute = createRoute({
  method: 'put',
  path: '/v1/audit/checkpoint-webhook',
  summary: 'Set, replace or clear the checkpoint webhook',
  request: { body: jsonBody(CheckpointWebhookInput, 'the URL (null clears it) and the signing secret') },
  responses: { 200: json(CheckpointWebhook, 'the checkpoint webhook as stored') },
});
