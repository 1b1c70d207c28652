import { createHash } from 'node:crypto';
import { WorkledgerError } from '../errors.js';
import { canonicalJson } from './canonical-json.js';

/** The hashed content of one audit entry; `merkleRoot` commits to a batch's records, if any. */
export interface AuditEntryBody {
  tenantId: string;
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  merkleRoot: string | null;
  detail: unknown;
}

/** An audit entry as stored: its body, the previous entry's hash, and its own hash. */
export interface AuditEntry extends AuditEntryBody {
  prevHash: string;
  hash: string;
}

/** What a caller supplies to append an entry; the chain assigns `seq`, `prevHash` and `hash`. */
export type AuditEntryDraft = Omit<AuditEntryBody, 'seq'>;

/** Where verification starts: the genesis, or a sealed checkpoint's last seq and hash. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

/** Outcome of verifying a chain: the count checked, or the first entry that does not match and why. */
export type ChainVerdict =
  { ok: true; count: number } | { ok: false; seq: number | null; index: number; reason: string };

/** The `prevHash` of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const GENESIS_ANCHOR: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

/** SHA-256 hex of the previous hash (as hex text) followed by the canonical JSON of the body. */
export function hashEntry(prevHash: string, body: AuditEntryBody): string {
  // Copy the body fields by name so an AuditEntry passed in never hashes its own hash or prevHash.
  const { tenantId, seq, at, actor, action, subject, merkleRoot, detail } = body;
  const canonical = canonicalJson({ tenantId, seq, at, actor, action, subject, merkleRoot, detail });
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/** The entry that follows `prev` (or starts the chain when `prev` is null), sealed with its hash. */
export function appendEntry(prev: AuditEntry | null, draft: AuditEntryDraft): AuditEntry {
  if (prev !== null && prev.tenantId !== draft.tenantId) {
    throw new WorkledgerError(
      'VALIDATION',
      `appendEntry: entry for tenant "${draft.tenantId}" cannot follow tenant "${prev.tenantId}"`,
      'tenantId',
    );
  }
  const body: AuditEntryBody = {
    tenantId: draft.tenantId,
    seq: prev === null ? 1 : prev.seq + 1,
    at: draft.at,
    actor: draft.actor,
    action: draft.action,
    subject: draft.subject,
    merkleRoot: draft.merkleRoot,
    detail: draft.detail,
  };
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  return { ...body, prevHash, hash: hashEntry(prevHash, body) };
}

/** Walks entries in the order given and names the first one whose hash, seq or link does not match. */
export function verifyChain(
  entries: readonly AuditEntry[],
  anchor: ChainAnchor = GENESIS_ANCHOR,
): ChainVerdict {
  let previous: ChainAnchor = anchor;
  const tenantId = entries[0]?.tenantId;
  for (const [index, entry] of entries.entries()) {
    const { seq } = entry;
    const fail = (reason: string): ChainVerdict => ({
      ok: false,
      seq,
      index,
      reason: `entry ${seq}: ${reason}`,
    });
    if (!Number.isSafeInteger(seq) || seq < 1) {
      return {
        ok: false,
        seq: null,
        index,
        reason: `row ${index + 1}: seq ${String(seq)} is not a positive integer`,
      };
    }
    if (entry.tenantId !== tenantId) {
      return fail(`belongs to tenant "${entry.tenantId}", but the chain is tenant "${String(tenantId)}"`);
    }
    const contentProblem = checkContent(entry);
    if (contentProblem !== null) return fail(contentProblem);
    const orderProblem = checkOrder(entries, index, seq, previous.seq, anchor);
    if (orderProblem !== null) return fail(orderProblem);
    if (entry.prevHash !== previous.hash) return fail(linkProblem(previous, anchor));
    previous = { seq, hash: entry.hash };
  }
  return { ok: true, count: entries.length };
}

function checkContent(entry: AuditEntry): string | null {
  let expected: string;
  try {
    expected = hashEntry(entry.prevHash, entry);
  } catch (error) {
    return `content cannot be hashed (${error instanceof Error ? error.message : String(error)})`;
  }
  return expected === entry.hash ? null : 'hash does not match its content (edited?)';
}

function checkOrder(
  entries: readonly AuditEntry[],
  index: number,
  seq: number,
  previousSeq: number,
  anchor: ChainAnchor,
): string | null {
  const after = index === 0 ? describeAnchor(anchor) : `entry ${previousSeq}`;
  if (seq === previousSeq) return `seq ${seq} repeats ${after} (duplicated?)`;
  if (seq < previousSeq) return `seq ${seq} follows ${after}: entries are out of order`;
  if (seq === previousSeq + 1) return null;
  const first = previousSeq + 1;
  const last = seq - 1;
  const one = first === last;
  const missing = one
    ? `entry ${first} is missing (deleted?)`
    : `entries ${first}–${last} are missing (deleted?)`;
  const appearsLater = entries.slice(index + 1).some((later) => later.seq >= first && later.seq <= last);
  const later = one
    ? `entry ${first} appears later (reordered?)`
    : `entries ${first}–${last} appear later (reordered?)`;
  return `seq ${seq} follows ${after}: ${appearsLater ? later : missing}`;
}

function linkProblem(previous: ChainAnchor, anchor: ChainAnchor): string {
  if (previous === anchor && anchor.hash === GENESIS_HASH && anchor.seq === 0) {
    return 'prevHash is not the genesis hash: the chain does not start here';
  }
  const whose = previous === anchor ? `the checkpoint at entry ${anchor.seq}` : `entry ${previous.seq}`;
  return `prevHash does not match the hash of ${whose} (an entry deleted, reordered or rewritten?)`;
}

function describeAnchor(anchor: ChainAnchor): string {
  return anchor.seq === 0 ? 'the start of the chain' : `the checkpoint at entry ${anchor.seq}`;
}
