import { verifyChain, type AuditEntry, type ChainAnchor, GENESIS_HASH } from '../domain/audit/hash-chain.js';
import { merkleRoot } from '../domain/audit/merkle.js';
import { listAuditEntries, listAuditLeaves } from '../store/queries/audit-entries.js';
import { reader, requirePermission, type Ctx } from './context.js';
import { rowToEntry } from './emit-audit.js';

export type AuditVerdict =
  | { ok: true; entries: number; leaves: number; head: string }
  | { ok: false; entries_checked: number; seq: number | null; reason: string };

const PAGE = 5_000;

/**
 * Recompute the tenant's whole chain: every entry's hash and link, and every batch's Merkle root
 * from its stored leaves. Names the first entry that does not match.
 */
export async function verifyAudit(ctx: Ctx): Promise<AuditVerdict> {
  requirePermission(ctx, 'audit');
  const db = reader(ctx);
  let anchor: ChainAnchor = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let leafCount = 0;
  for (;;) {
    const rows = await listAuditEntries(db, ctx.tenantId, anchor.seq, PAGE);
    if (rows.length === 0) break;
    const entries: AuditEntry[] = [];
    for (const row of rows) {
      try {
        entries.push(rowToEntry(row));
      } catch {
        return {
          ok: false,
          entries_checked: checked,
          seq: row.seq,
          reason: `entry ${row.seq}: detail is not JSON (edited?)`,
        };
      }
    }
    const verdict = verifyChain(entries, anchor);
    if (!verdict.ok)
      return {
        ok: false,
        entries_checked: checked + verdict.index,
        seq: verdict.seq,
        reason: verdict.reason,
      };
    const batchSeqs = entries.filter((e) => e.merkleRoot !== null).map((e) => e.seq);
    const leaves = await listAuditLeaves(db, ctx.tenantId, batchSeqs);
    const bySeq = new Map<number, string[]>();
    for (const leaf of leaves) {
      const list = bySeq.get(leaf.seq) ?? [];
      if (leaf.idx !== list.length)
        return {
          ok: false,
          entries_checked: checked,
          seq: leaf.seq,
          reason: `entry ${leaf.seq}: leaf ${list.length} is missing`,
        };
      list.push(leaf.leaf_hash);
      bySeq.set(leaf.seq, list);
    }
    for (const entry of entries) {
      if (entry.merkleRoot === null) continue;
      const hashes = bySeq.get(entry.seq) ?? [];
      leafCount += hashes.length;
      if (merkleRoot(hashes) !== entry.merkleRoot)
        return {
          ok: false,
          entries_checked: checked,
          seq: entry.seq,
          reason: `entry ${entry.seq}: its records do not match its Merkle root (a record was edited, added or removed)`,
        };
    }
    checked += entries.length;
    const last = entries[entries.length - 1];
    if (!last) break;
    anchor = { seq: last.seq, hash: last.hash };
  }
  return { ok: true, entries: checked, leaves: leafCount, head: anchor.hash };
}
