import { z } from 'zod';
import { SignedCheckpoint } from '../../domain/audit/checkpoint.js';
import { auditPublicKeyFromPem, type AuditPublicKey } from '../../domain/audit/instance-key.js';
import { WorkledgerError } from '../../domain/errors.js';
import { getLastAuditEntry } from '../../store/queries/audit-entries.js';
import type { AuditFinding, AuditProgress } from './audit-findings.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { parseInput } from '../parse-input.js';
import { checkChain } from './verify-chain.js';
import { checkCheckpoint, checkStoredCheckpoints } from './verify-checkpoints.js';
import { checkRows } from './verify-rows.js';

/** What to verify against: the instance key, and optionally a checkpoint an auditor kept. */
export interface VerifyAuditInput {
  /** The instance public key that signs checkpoints; null when its key file is not available. */
  key: AuditPublicKey | null;
  /** A signed checkpoint kept elsewhere (its JSON, bare or as `{ checkpoint }`) the chain must extend. */
  checkpoint?: unknown;
  /** The PEM public key the auditor holds, to check `checkpoint` with instead of the instance's. */
  publicKeyPem?: string;
}

/** The body of `POST /v1/audit/verify`: a kept checkpoint, and optionally the auditor's public key. */
export const VerifyRequest = z.strictObject({
  checkpoint: z.custom<object>(
    (v) => typeof v === 'object' && v !== null,
    'a signed checkpoint (JSON object)',
  ),
  public_key: z.string().max(10_000).optional(),
});

// `audit checkpoint --json` and the API answer `{ checkpoint, … }`; a saved answer works as it is.
function unwrapCheckpoint(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('checkpoint' in value) || 'seq' in value) return value;
  return value.checkpoint;
}

/** The verdict: everything checked and counted, or the first finding with the counts so far. */
export type AuditVerdict =
  | {
      ok: true;
      entries: number;
      leaves: number;
      rows: Record<string, number>;
      checkpoints: number;
      head: string;
      head_seq: number;
      checkpoint: { seq: number; head_hash: string } | null;
    }
  | {
      ok: false;
      seq: number | null;
      subject: string | null;
      reason: string;
      entries_checked: number;
      leaves_checked: number;
      rows_checked: Record<string, number>;
      checkpoints_checked: number;
    };

/**
 * Recompute the tenant's audit trail and name the first mismatch: a given checkpoint still extended,
 * every entry's hash and link, every Merkle root from its leaves, every stored checkpoint's signature
 * and hash, and every current row of the audited tables against the leaf that last committed it.
 */
export async function verifyAudit({ ctx, input }: Verb<VerifyAuditInput>): Promise<AuditVerdict> {
  requirePermission(ctx, 'audit');
  const given =
    input.checkpoint === undefined
      ? null
      : parseInput(SignedCheckpoint, unwrapCheckpoint(input.checkpoint), 'checkpoint');
  const givenKey = input.publicKeyPem === undefined ? input.key : auditPublicKeyFromPem(input.publicKeyPem);
  if (given && !givenKey)
    throw new WorkledgerError(
      'VALIDATION',
      'checkpoint: no public key to check it with (pass the public key, or give the server its audit key)',
      'checkpoint',
    );
  const db = reader(ctx);
  const progress: AuditProgress = { entries: 0, leaves: 0, rows: {}, checkpoints: 0 };
  const fail = (finding: AuditFinding): AuditVerdict => ({
    ok: false,
    ...finding,
    entries_checked: progress.entries,
    leaves_checked: progress.leaves,
    rows_checked: progress.rows,
    checkpoints_checked: progress.checkpoints,
  });
  const headSeq = (await getLastAuditEntry(db, ctx.tenantId))?.seq ?? 0;
  const seal = { tenantId: ctx.tenantId, headSeq };
  if (given && givenKey) {
    const finding = await checkCheckpoint(db, { ...seal, key: givenKey }, given);
    if (finding) return fail(finding);
  }
  const chain = await checkChain(db, ctx.tenantId, headSeq, progress);
  if ('finding' in chain) return fail(chain.finding);
  const stored = await checkStoredCheckpoints(db, { ...seal, key: input.key }, progress);
  if (stored) return fail(stored);
  const rows = await checkRows(ctx, headSeq, progress);
  if (rows) return fail(rows);
  return {
    ok: true,
    entries: progress.entries,
    leaves: progress.leaves,
    rows: progress.rows,
    checkpoints: progress.checkpoints,
    head: chain.head.hash,
    head_seq: chain.head.seq,
    checkpoint: given ? { seq: given.seq, head_hash: given.head_hash } : null,
  };
}

/** Verify against the checkpoint (and public key) of a `POST /v1/audit/verify` body. */
export async function verifyAuditRequest({
  ctx,
  input,
}: Verb<{ key: AuditPublicKey | null; body: unknown }>): Promise<AuditVerdict> {
  requirePermission(ctx, 'audit');
  const body = parseInput(VerifyRequest, input.body);
  return verifyAudit({
    ctx,
    input: {
      key: input.key,
      checkpoint: body.checkpoint,
      ...(body.public_key === undefined ? {} : { publicKeyPem: body.public_key }),
    },
  });
}
