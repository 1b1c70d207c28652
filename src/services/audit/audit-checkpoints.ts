import type { SignedCheckpoint } from '../../domain/audit/checkpoint.js';
import { WorkledgerError } from '../../domain/errors.js';
import { getLatestAuditCheckpoint } from '../../store/queries/audit-checkpoints.js';
import type { AuditSetup } from './audit-setup.js';
import { checkpointView } from './checkpoint-view.js';
import { reader, requirePermission, type Ctx, type Verb } from '../context.js';
import { requireInstanceKey, sealCheckpoint, type SealedCheckpoint } from './seal-checkpoint.js';
import { sendLatestCheckpoint, type CheckpointDelivery } from './send-checkpoint.js';

/** The public half of the instance key, as auditors keep it. */
export interface AuditPublicKeyView {
  algorithm: 'Ed25519';
  key_id: string;
  public_key_pem: string;
}

/** The instance's public key and its id (SHA-256 of the raw key); CONFLICT when the server has none. */
export function describeAuditKey({ ctx, input }: Verb<Pick<AuditSetup, 'key'>>): AuditPublicKeyView {
  requirePermission(ctx, 'read');
  const key = requireInstanceKey(input.key);
  return { algorithm: 'Ed25519', key_id: key.keyId, public_key_pem: key.publicKeyPem };
}

/** The tenant's newest checkpoint; NOT_FOUND before the first. */
export async function getLatestCheckpoint(ctx: Ctx): Promise<{ checkpoint: SignedCheckpoint }> {
  requirePermission(ctx, 'audit');
  const row = await getLatestAuditCheckpoint(reader(ctx), ctx.tenantId);
  if (!row)
    throw new WorkledgerError('NOT_FOUND', 'no checkpoint is sealed yet: workledger audit checkpoint');
  return { checkpoint: checkpointView(row) };
}

/** Seal a checkpoint now (when the chain grew) and post it to the tenant's webhook when one is set. */
export async function sealAndSendCheckpoint({
  ctx,
  input,
}: Verb<AuditSetup>): Promise<SealedCheckpoint & { delivery: CheckpointDelivery | null }> {
  const sealed = await sealCheckpoint({ ctx, input: { key: input.key } });
  const delivery = input.post && !ctx.tx ? await sendLatestCheckpoint(ctx, input.post) : null;
  return { ...sealed, delivery };
}
