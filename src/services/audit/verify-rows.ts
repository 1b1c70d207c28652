import { ROW_FAMILIES, leafSubject, type RowFamily } from '../../domain/audit/leaf-subject.js';
import { getLastAuditEntry } from '../../store/queries/audit-entries.js';
import { listLatestLeaves } from '../../store/queries/audit-leaf-reads.js';
import {
  AUDITED_TABLES,
  keyOfRow,
  pageAuditedRows,
  type RowKey,
  type RowOf,
} from '../../store/queries/audited-rows.js';
import { lockTenant } from '../../store/queries/tenants.js';
import type { AuditFinding, AuditProgress } from './audit-findings.js';
import { FAMILY_AUDITS, storedRowDigest } from './audited-tables.js';
import { reader, withTransaction, type Ctx } from '../context.js';

const PAGE = 5_000;

/**
 * Recompute every current row of every audited table, in key order a page at a time, and match it
 * to the latest leaf that committed it; names the first row that differs or that no leaf committed.
 */
export async function checkRows(
  ctx: Ctx,
  headSeq: number,
  progress: AuditProgress,
): Promise<AuditFinding | null> {
  for (const family of ROW_FAMILIES) {
    const problem = await checkFamily(ctx, family, headSeq, progress);
    if (problem) return problem;
  }
  return null;
}

async function checkFamily<F extends RowFamily>(
  ctx: Ctx,
  family: F,
  headSeq: number,
  progress: AuditProgress,
): Promise<AuditFinding | null> {
  const db = reader(ctx);
  const audit = FAMILY_AUDITS[family];
  const table = AUDITED_TABLES[family].table;
  progress.rows[table] = 0;
  let after: RowKey | null = null;
  for (;;) {
    const rows: RowOf<F>[] = await pageAuditedRows(db, family, ctx.tenantId, after, PAGE);
    if (rows.length === 0) return null;
    const keys: RowKey[] = rows.map((row) => keyOfRow(family, row));
    const subjects = keys.map((key) => leafSubject(family, ...key));
    const digests = await audit.digests(db, ctx.tenantId, rows);
    const latest = await listLatestLeaves(db, ctx.tenantId, subjects);
    for (const [i, row] of rows.entries()) {
      const leaf = latest.get(subjects[i] ?? '');
      if (leaf && leaf.seq <= headSeq && leaf.leaf_hash === digests[i]) continue;
      // A writer may have committed between the reads above: look again, under the tenant's write lock.
      const problem = await recheckRow(ctx, family, keys[i] ?? [], audit.label(row));
      if (problem) return problem;
    }
    progress.rows[table] += rows.length;
    after = keys[keys.length - 1] ?? null;
  }
}

async function recheckRow(
  ctx: Ctx,
  family: RowFamily,
  key: RowKey,
  label: string,
): Promise<AuditFinding | null> {
  const subject = leafSubject(family, ...key);
  return withTransaction(ctx, async (tx) => {
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    const stored = await storedRowDigest(tx, ctx.tenantId, family, key);
    const leaf = (await listLatestLeaves(tx, ctx.tenantId, [subject])).get(subject);
    const head = (await getLastAuditEntry(tx, ctx.tenantId))?.seq ?? 0;
    if (!stored) return null; // gone since the page was read; the next verification names it
    if (!leaf)
      return {
        seq: null,
        subject,
        reason: `${label}: no audit entry ever committed this row (inserted outside the services?)`,
      };
    if (leaf.seq > head)
      return {
        seq: leaf.seq,
        subject,
        reason: `${label}: its latest leaf names entry ${leaf.seq}, but the chain ends at entry ${head} (added?)`,
      };
    if (leaf.leaf_hash !== stored.digest)
      return {
        seq: leaf.seq,
        subject,
        reason: `${label}: stored row does not match its last audited version (entry ${leaf.seq})`,
      };
    return null;
  });
}
