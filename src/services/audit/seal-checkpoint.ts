import type { Transaction } from 'kysely';
import {
  checkpointSignatureProblem,
  signCheckpoint,
  type SignedCheckpoint,
} from '../../domain/audit/checkpoint.js';
import {
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type ChainAnchor,
} from '../../domain/audit/hash-chain.js';
import type { InstanceKey } from '../../domain/audit/instance-key.js';
import { WorkledgerError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { getLastAuditEntry, listAuditEntries } from '../../store/queries/audit-entries.js';
import {
  getLatestAuditCheckpoint,
  insertAuditCheckpoint,
  type AuditCheckpointRow,
} from '../../store/queries/audit-checkpoints.js';
import { listEntryHashes } from '../../store/queries/audit-leaf-reads.js';
import { lockTenant } from '../../store/queries/tenants.js';
import type { Database } from '../../store/schema.js';
import { checkpointView } from './checkpoint-view.js';
import { requirePermission, withTransaction, type Verb } from '../context.js';
import { rowToEntry } from './emit-audit.js';

const PAGE = 5_000;

/** A checkpoint and whether this call sealed it (false: the chain had not grown since the last one). */
export interface SealedCheckpoint {
  checkpoint: SignedCheckpoint;
  sealed: boolean;
}

/** The instance key, or CONFLICT naming how to give the server one. */
export function requireInstanceKey(key: InstanceKey | null): InstanceKey {
  if (key === null)
    throw new WorkledgerError(
      'CONFLICT',
      'no audit key: this server was started without its instance key file (see --audit-key-dir)',
    );
  return key;
}

/**
 * Seal the tenant's chain up to its last entry with a signed checkpoint, after verifying the entries
 * since the previous checkpoint, so a checkpoint never blesses a chain already broken.
 */
export async function sealCheckpoint({
  ctx,
  input,
}: Verb<{ key: InstanceKey | null }>): Promise<SealedCheckpoint> {
  requirePermission(ctx, 'audit');
  const key = requireInstanceKey(input.key);
  return withTransaction(ctx, async (tx) => {
    // Under the writers' lock, so no entry lands between the verified segment and the signature.
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    const last = await getLastAuditEntry(tx, ctx.tenantId);
    if (!last) throw new WorkledgerError('NOT_FOUND', 'the tenant has no audit entries to seal');
    const latest = await getLatestAuditCheckpoint(tx, ctx.tenantId);
    if (latest && latest.seq === last.seq && latest.head_hash === last.hash)
      return { checkpoint: checkpointView(latest), sealed: false };
    const anchor = await previousSeal(tx, ctx.tenantId, latest, last.seq, key);
    await verifySegment(tx, ctx.tenantId, anchor, last.seq);
    const now = ctx.now();
    const checkpoint = signCheckpoint(
      { tenant: ctx.tenantId, seq: last.seq, head_hash: last.hash, at: toIso(now) },
      key,
    );
    await insertAuditCheckpoint(tx, {
      tenant_id: ctx.tenantId,
      seq: checkpoint.seq,
      head_hash: checkpoint.head_hash,
      at: now,
      key_id: checkpoint.key_id,
      signature: checkpoint.signature,
      delivered_at: null,
      delivery_error: null,
    });
    return { checkpoint, sealed: true };
  });
}

/** Where the new segment starts: the previous checkpoint, checked, or the genesis. */
async function previousSeal(
  tx: Transaction<Database>,
  tenantId: string,
  latest: AuditCheckpointRow | undefined,
  lastSeq: number,
  key: InstanceKey,
): Promise<ChainAnchor> {
  if (!latest) return { seq: 0, hash: GENESIS_HASH };
  const refuse = (why: string) =>
    new WorkledgerError('CONFLICT', `cannot seal: the checkpoint at entry ${latest.seq} ${why}`);
  if (latest.seq > lastSeq)
    throw refuse(`is past the last entry ${lastSeq} (the newest entries were deleted?)`);
  const signature = checkpointSignatureProblem(checkpointView(latest), key);
  if (signature) throw refuse(`does not verify: ${signature}`);
  const hash = (await listEntryHashes(tx, tenantId, [latest.seq])).get(latest.seq);
  if (hash !== latest.head_hash) throw refuse('no longer matches its entry (rewritten?)');
  return { seq: latest.seq, hash: latest.head_hash };
}

/** Recompute the entries after `anchor` up to `lastSeq`; CONFLICT naming the first bad one. */
async function verifySegment(
  tx: Transaction<Database>,
  tenantId: string,
  start: ChainAnchor,
  lastSeq: number,
): Promise<void> {
  let anchor = start;
  while (anchor.seq < lastSeq) {
    const rows = await listAuditEntries(tx, tenantId, anchor.seq, PAGE);
    const last = rows[rows.length - 1];
    if (!last) break;
    let entries: AuditEntry[];
    try {
      entries = rows.map(rowToEntry);
    } catch {
      throw new WorkledgerError('CONFLICT', 'cannot seal: an entry detail is not JSON (run audit verify)');
    }
    const verdict = verifyChain(entries, anchor);
    if (!verdict.ok) throw new WorkledgerError('CONFLICT', `cannot seal: ${verdict.reason}`);
    anchor = { seq: last.seq, hash: last.hash };
  }
}
