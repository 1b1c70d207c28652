import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { chunkRows } from '../dialect.js';

export type AuditLeafRow = Database['audit_leaves'];

/** The tenant's leaves after (seq, idx) up to entry `maxSeq`, in (seq, idx) order, a page at a time. */
export async function pageAuditLeaves(
  db: Kysely<Database>,
  tenantId: string,
  after: { seq: number; idx: number },
  maxSeq: number,
  limit: number,
): Promise<AuditLeafRow[]> {
  return db
    .selectFrom('audit_leaves')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([eb('seq', '>', after.seq), eb.and([eb('seq', '=', after.seq), eb('idx', '>', after.idx)])]),
    )
    .where('seq', '<=', maxSeq)
    .orderBy('seq')
    .orderBy('idx')
    .limit(limit)
    .execute();
}

/** For each subject, the leaf of the newest entry that committed it (the last of them within that entry). */
export async function listLatestLeaves(
  db: Kysely<Database>,
  tenantId: string,
  subjects: readonly string[],
): Promise<Map<string, AuditLeafRow>> {
  const latest = new Map<string, AuditLeafRow>();
  for (const chunk of chunkRows(subjects, 1, 5_000)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('audit_leaves as l')
      .selectAll('l')
      .where('l.tenant_id', '=', tenantId)
      .where('l.subject', 'in', chunk)
      .where((eb) =>
        eb(
          'l.seq',
          '=',
          eb
            .selectFrom('audit_leaves as m')
            .select((m) => m.fn.max('m.seq').as('seq'))
            .whereRef('m.tenant_id', '=', 'l.tenant_id')
            .whereRef('m.subject', '=', 'l.subject'),
        ),
      )
      .orderBy('l.idx')
      .execute();
    for (const row of rows) latest.set(row.subject, row);
  }
  return latest;
}

/** The hashes of the tenant's entries at these seqs. */
export async function listEntryHashes(
  db: Kysely<Database>,
  tenantId: string,
  seqs: readonly number[],
): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  for (const chunk of chunkRows(seqs, 1, 5_000)) {
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('audit_entries')
      .select(['seq', 'hash'])
      .where('tenant_id', '=', tenantId)
      .where('seq', 'in', chunk)
      .execute();
    for (const row of rows) hashes.set(row.seq, row.hash);
  }
  return hashes;
}
