import type { Kysely } from 'kysely';
import { checkpointSignatureProblem, type SignedCheckpoint } from '../../domain/audit/checkpoint.js';
import type { AuditPublicKey } from '../../domain/audit/instance-key.js';
import { listAuditCheckpoints } from '../../store/queries/audit-checkpoints.js';
import { listEntryHashes } from '../../store/queries/audit-leaf-reads.js';
import type { Database } from '../../store/schema.js';
import { entryFinding, type AuditFinding, type AuditProgress } from './audit-findings.js';
import { checkpointView } from './checkpoint-view.js';

const PAGE = 5_000;

/** What a checkpoint is checked against: the tenant, the chain's last seq, and the key that signs. */
interface SealContext {
  tenantId: string;
  headSeq: number;
  key: AuditPublicKey;
}

/** Why the chain no longer extends `checkpoint` (whose entry now has hash `hash`), or null. */
function sealProblem(
  what: string,
  checkpoint: SignedCheckpoint,
  hash: string | undefined,
  seal: SealContext,
): AuditFinding | null {
  const { seq } = checkpoint;
  const at = `${what} at entry ${seq}`;
  if (checkpoint.tenant !== seal.tenantId)
    return entryFinding(seq, `${at}: it seals tenant ${checkpoint.tenant}, not ${seal.tenantId}`);
  const signature = checkpointSignatureProblem(checkpoint, seal.key);
  if (signature) return entryFinding(seq, `${at}: ${signature}`);
  if (hash === undefined)
    return entryFinding(
      seq,
      seq > seal.headSeq
        ? `${at}: entry ${seq} is missing: the chain ends at entry ${seal.headSeq} (the newest entries were deleted?)`
        : `${at}: entry ${seq} is missing (deleted?)`,
    );
  if (hash !== checkpoint.head_hash)
    return entryFinding(seq, `${at}: entry ${seq} no longer has the sealed hash (rewritten from there?)`);
  return null;
}

/**
 * Whether the chain still extends a checkpoint an auditor kept (signed by `key`, of this tenant, the
 * entry at its seq still there with its head hash), so a chain cut short after it fails here.
 */
export async function checkCheckpoint(
  db: Kysely<Database>,
  seal: SealContext,
  checkpoint: SignedCheckpoint,
): Promise<AuditFinding | null> {
  const hashes = await listEntryHashes(db, seal.tenantId, [checkpoint.seq]);
  return sealProblem('checkpoint', checkpoint, hashes.get(checkpoint.seq), seal);
}

/** Check every checkpoint the database holds for the tenant, oldest first, a page at a time. */
export async function checkStoredCheckpoints(
  db: Kysely<Database>,
  seal: Omit<SealContext, 'key'> & { key: AuditPublicKey | null },
  progress: AuditProgress,
): Promise<AuditFinding | null> {
  const { key } = seal;
  for (let after = 0; ;) {
    const rows = await listAuditCheckpoints(db, seal.tenantId, after, PAGE);
    const last = rows[rows.length - 1];
    if (!last) return null;
    if (key === null)
      return entryFinding(
        last.seq,
        'checkpoints are stored, but the instance public key is not available to check them (see the audit key file)',
      );
    const hashes = await listEntryHashes(
      db,
      seal.tenantId,
      rows.map((r) => r.seq),
    );
    for (const row of rows) {
      const problem = sealProblem('stored checkpoint', checkpointView(row), hashes.get(row.seq), {
        ...seal,
        key,
      });
      if (problem) return problem;
      progress.checkpoints += 1;
    }
    after = last.seq;
  }
}
