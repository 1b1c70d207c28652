import type { Transaction } from 'kysely';
import { canonicalJson } from '../../domain/audit/canonical-json.js';
import { appendEntry, type AuditEntry } from '../../domain/audit/hash-chain.js';
import { merkleRoot } from '../../domain/audit/merkle.js';
import type { Database } from '../../store/schema.js';
import { getLastAuditEntry, insertAuditEntry, insertAuditLeaves } from '../../store/queries/audit-entries.js';
import { lockTenant } from '../../store/queries/tenants.js';
import { actorLabel, type Ctx } from '../context.js';

export interface AuditEvent {
  action: string;
  subject: string;
  detail?: unknown;
  /** A batch commits to its records: leaf hashes (merkleLeafHash of each record) and their subjects. */
  leaves?: { leafHash: string; subject: string }[];
}

/** Append one entry to the tenant's hash chain inside `tx`; the write it records fails with it. */
export async function emitAudit(tx: Transaction<Database>, ctx: Ctx, event: AuditEvent): Promise<AuditEntry> {
  await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
  const last = await getLastAuditEntry(tx, ctx.tenantId);
  const leaves = event.leaves ?? [];
  const entry = appendEntry(last ? rowToEntry(last) : null, {
    tenantId: ctx.tenantId,
    at: ctx.now(),
    actor: actorLabel(ctx.actor),
    action: event.action,
    subject: event.subject,
    merkleRoot: event.leaves ? merkleRoot(leaves.map((l) => l.leafHash)) : null,
    detail: { requestId: ctx.requestId, ...asRecord(event.detail) },
  });
  await insertAuditEntry(tx, {
    tenant_id: entry.tenantId,
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    merkle_root: entry.merkleRoot,
    detail: canonicalJson(entry.detail),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  });
  await insertAuditLeaves(
    tx,
    leaves.map((l, idx) => ({
      tenant_id: ctx.tenantId,
      seq: entry.seq,
      idx,
      leaf_hash: l.leafHash,
      subject: l.subject,
    })),
    ctx.store.dialect.maxParameters,
  );
  return entry;
}

/** A stored audit row as the domain's AuditEntry. */
export function rowToEntry(row: Database['audit_entries']): AuditEntry {
  return {
    tenantId: row.tenant_id,
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    merkleRoot: row.merkle_root,
    detail: JSON.parse(row.detail) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function asRecord(detail: unknown): Record<string, unknown> {
  if (detail === undefined) return {};
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return { ...detail };
  return { value: detail };
}
