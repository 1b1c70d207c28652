import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { bulkInsert } from '../bulk-write.js';

export type AuditRow = Database['audit_entries'];

export async function getLastAuditEntry(
  db: Kysely<Database>,
  tenantId: string,
): Promise<AuditRow | undefined> {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAuditEntry(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_entries').values(row).execute();
}

export async function insertAuditLeaves(
  db: Kysely<Database>,
  rows: Database['audit_leaves'][],
  maxParameters: number,
): Promise<void> {
  await bulkInsert(
    db,
    'audit_leaves',
    ['tenant_id', 'seq', 'idx', 'leaf_hash', 'subject'],
    rows,
    maxParameters,
  );
}

/** Entries of a tenant in seq order, a page at a time (verify streams through long chains). */
export async function listAuditEntries(
  db: Kysely<Database>,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function listAuditLeaves(
  db: Kysely<Database>,
  tenantId: string,
  seqs: readonly number[],
): Promise<Database['audit_leaves'][]> {
  if (seqs.length === 0) return [];
  return db
    .selectFrom('audit_leaves')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('seq', 'in', seqs)
    .orderBy('seq')
    .orderBy('idx')
    .execute();
}

export async function listAuditEntriesForSubject(
  db: Kysely<Database>,
  tenantId: string,
  subject: string,
): Promise<AuditRow[]> {
  const viaLeaves = db
    .selectFrom('audit_leaves')
    .select('seq')
    .where('tenant_id', '=', tenantId)
    .where('subject', '=', subject);
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('subject', '=', subject), eb('seq', 'in', viaLeaves)]))
    .orderBy('seq')
    .execute();
}
