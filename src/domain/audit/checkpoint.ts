import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import type { AuditPublicKey, InstanceKey } from './instance-key.js';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/**
 * A signed checkpoint: it seals a tenant's chain up to entry `seq`, whose hash is `head_hash`, and its
 * Ed25519 signature covers the canonical JSON of every other field, so the JSON as printed is the proof.
 */
export const SignedCheckpoint = z.strictObject({
  tenant: z.string().min(1).max(200),
  seq: z.number().int().positive(),
  head_hash: Hex64,
  at: z.iso.datetime(),
  key_id: Hex64,
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

/** What a checkpoint states, before it is signed. */
export type CheckpointClaim = Omit<SignedCheckpoint, 'signature'>;

/** The exact bytes that are signed: canonical JSON of { at, head_hash, key_id, seq, tenant }. */
export function checkpointPayload(claim: CheckpointClaim): Buffer {
  const { tenant, seq, head_hash, at, key_id } = claim;
  return Buffer.from(canonicalJson({ tenant, seq, head_hash, at, key_id }), 'utf8');
}

/** Sign a claim with the instance key (Ed25519 signs the payload itself: no separate digest). */
export function signCheckpoint(claim: Omit<CheckpointClaim, 'key_id'>, key: InstanceKey): SignedCheckpoint {
  const full: CheckpointClaim = { ...claim, key_id: key.keyId };
  const signature = sign(null, checkpointPayload(full), key.privateKey).toString('base64');
  return { ...full, signature };
}

/** Why a checkpoint does not verify with `key` (another key, or a bad signature), or null when it does. */
export function checkpointSignatureProblem(checkpoint: SignedCheckpoint, key: AuditPublicKey): string | null {
  if (checkpoint.key_id !== key.keyId)
    return `it names key ${checkpoint.key_id.slice(0, 16)}…, not the instance key ${key.keyId.slice(0, 16)}…`;
  let valid = false;
  try {
    valid = verify(
      null,
      checkpointPayload(checkpoint),
      key.publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    // A signature of the wrong length throws rather than answering false; either way it does not verify.
  }
  return valid ? null : 'its signature does not verify (forged or altered)';
}
