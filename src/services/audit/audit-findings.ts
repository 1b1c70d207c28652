/** How far a verification got: entries and leaves recomputed, rows per table, checkpoints checked. */
export interface AuditProgress {
  entries: number;
  leaves: number;
  rows: Record<string, number>;
  checkpoints: number;
}

/** The first thing that does not match: the entry it concerns, the row's leaf subject, and why. */
export interface AuditFinding {
  seq: number | null;
  subject: string | null;
  reason: string;
}

/** A finding about one entry. */
export function entryFinding(seq: number | null, reason: string): AuditFinding {
  return { seq, subject: null, reason };
}
