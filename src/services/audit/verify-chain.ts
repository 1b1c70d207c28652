import type { Kysely } from 'kysely';
import {
  GENESIS_HASH,
  verifyChain,
  type AuditEntry,
  type ChainAnchor,
} from '../../domain/audit/hash-chain.js';
import { parseLeafSubject, type RowFamily } from '../../domain/audit/leaf-subject.js';
import { merkleRoot } from '../../domain/audit/merkle.js';
import { listAuditEntries } from '../../store/queries/audit-entries.js';
import {
  listLatestLeaves,
  pageAuditLeaves,
  type AuditLeafRow,
} from '../../store/queries/audit-leaf-reads.js';
import { listExistingKeys } from '../../store/queries/audited-rows.js';
import type { Database } from '../../store/schema.js';
import { entryFinding, type AuditFinding, type AuditProgress } from './audit-findings.js';
import { labelOfKey } from './audited-tables.js';
import { rowToEntry } from './emit-audit.js';

const PAGE = 5_000;

/** Reads a tenant's leaves in (seq, idx) order a page at a time, up to the head being verified. */
class LeafStream {
  private page: AuditLeafRow[] = [];
  private at = 0;
  private after = { seq: 0, idx: -1 };
  private done = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
    private readonly headSeq: number,
  ) {}

  async peek(): Promise<AuditLeafRow | undefined> {
    if (this.at < this.page.length) return this.page[this.at];
    if (this.done) return undefined;
    this.page = await pageAuditLeaves(this.db, this.tenantId, this.after, this.headSeq, PAGE);
    this.at = 0;
    const last = this.page[this.page.length - 1];
    if (!last) this.done = true;
    else this.after = { seq: last.seq, idx: last.idx };
    return this.page[0];
  }

  skip(): void {
    this.at += 1;
  }
}

/** Collects the typed subjects of leaves and checks, a chunk at a time, that their rows still exist. */
class RowPresence {
  private pending = new Map<string, { family: RowFamily; key: string[] }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantId: string,
  ) {}

  add(subject: string): void {
    const parsed = parseLeafSubject(subject);
    if (parsed) this.pending.set(subject, parsed);
  }

  get full(): boolean {
    return this.pending.size >= PAGE;
  }

  async check(): Promise<AuditFinding | null> {
    const byFamily = new Map<RowFamily, { subject: string; key: string[] }[]>();
    for (const [subject, { family, key }] of this.pending) {
      const list = byFamily.get(family) ?? [];
      list.push({ subject, key });
      byFamily.set(family, list);
    }
    this.pending = new Map();
    for (const [family, wanted] of byFamily) {
      const found = await listExistingKeys(
        this.db,
        family,
        this.tenantId,
        wanted.map((w) => w.key),
      );
      const present = new Set(found.map((k) => k.join('\u0000')));
      const gone = wanted.find((w) => !present.has(w.key.join('\u0000')));
      if (gone) {
        const last = (await listLatestLeaves(this.db, this.tenantId, [gone.subject])).get(gone.subject);
        const seq = last?.seq ?? null;
        return {
          seq,
          subject: gone.subject,
          reason: `${labelOfKey(family, gone.key)}: committed by entry ${String(seq)}, but the row is gone (deleted outside the services?)`,
        };
      }
    }
    return null;
  }
}

/**
 * Recompute the chain up to entry `headSeq`: every entry's hash and link, every Merkle root from its
 * stored leaves (none missing, none stray), and that the row each leaf commits still exists.
 */
export async function checkChain(
  db: Kysely<Database>,
  tenantId: string,
  headSeq: number,
  progress: AuditProgress,
): Promise<{ head: ChainAnchor } | { finding: AuditFinding }> {
  const leaves = new LeafStream(db, tenantId, headSeq);
  const presence = new RowPresence(db, tenantId);
  let anchor: ChainAnchor = { seq: 0, hash: GENESIS_HASH };
  while (anchor.seq < headSeq) {
    const rows = (await listAuditEntries(db, tenantId, anchor.seq, PAGE)).filter((r) => r.seq <= headSeq);
    if (rows.length === 0) break;
    const entries: AuditEntry[] = [];
    for (const row of rows) {
      try {
        entries.push(rowToEntry(row));
      } catch {
        return { finding: entryFinding(row.seq, `entry ${row.seq}: detail is not JSON (edited?)`) };
      }
    }
    const verdict = verifyChain(entries, anchor);
    if (!verdict.ok) {
      progress.entries += verdict.index;
      return { finding: entryFinding(verdict.seq, verdict.reason) };
    }
    for (const entry of entries) {
      const problem = await checkLeaves(entry, leaves, presence, progress);
      if (problem) return { finding: problem };
      progress.entries += 1;
    }
    const last = entries[entries.length - 1];
    if (!last) break;
    anchor = { seq: last.seq, hash: last.hash };
  }
  const problem = await presence.check();
  return problem ? { finding: problem } : { head: anchor };
}

async function checkLeaves(
  entry: AuditEntry,
  leaves: LeafStream,
  presence: RowPresence,
  progress: AuditProgress,
): Promise<AuditFinding | null> {
  const hashes: string[] = [];
  for (let leaf = await leaves.peek(); leaf && leaf.seq <= entry.seq; leaf = await leaves.peek()) {
    // Entries are contiguous here, so a leaf of an earlier seq belongs to an entry without records.
    if (leaf.seq < entry.seq || entry.merkleRoot === null)
      return entryFinding(
        leaf.seq,
        `entry ${leaf.seq}: it commits to no records, yet leaf ${leaf.idx} names it (added?)`,
      );
    if (leaf.idx !== hashes.length)
      return entryFinding(entry.seq, `entry ${entry.seq}: leaf ${hashes.length} is missing`);
    hashes.push(leaf.leaf_hash);
    presence.add(leaf.subject);
    progress.leaves += 1;
    leaves.skip();
  }
  if (entry.merkleRoot !== null && merkleRoot(hashes) !== entry.merkleRoot)
    return entryFinding(
      entry.seq,
      `entry ${entry.seq}: its records do not match its Merkle root (a record was edited, added or removed)`,
    );
  return presence.full ? presence.check() : null;
}
