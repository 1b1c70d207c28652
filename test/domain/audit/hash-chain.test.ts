import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  type AuditEntryDraft,
  GENESIS_HASH,
  appendEntry,
  hashEntry,
  verifyChain,
} from '../../../src/domain/audit/hash-chain.js';

const T0 = 1_700_000_000_000;

function draft(n: number, tenantId = 'tenant-a'): AuditEntryDraft {
  return {
    tenantId,
    at: T0 + n * 1000,
    actor: 'user:ana',
    action: 'item.ingest',
    subject: `item-${n}`,
    merkleRoot: null,
    detail: { n, note: `change ${n}` },
  };
}

/** A valid chain of `count` entries with seq 1..count. */
function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  for (let n = 1; n <= count; n++) {
    prev = appendEntry(prev, draft(n));
    entries.push(prev);
  }
  return entries;
}

function at(entries: readonly AuditEntry[], index: number): AuditEntry {
  const entry = entries[index];
  if (entry === undefined) throw new Error(`test chain has no index ${index}`);
  return entry;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('hashEntry and appendEntry', () => {
  it('hashes the previous hash text followed by the hand-written canonical body', () => {
    const first = appendEntry(null, {
      tenantId: 't1',
      at: 1700000000000,
      actor: 'user:ana',
      action: 'baseline.freeze',
      subject: 'bl_1',
      merkleRoot: null,
      detail: { b: 2, a: 1 },
    });
    const canonical =
      '{"action":"baseline.freeze","actor":"user:ana","at":1700000000000,"detail":{"a":1,"b":2},' +
      '"merkleRoot":null,"seq":1,"subject":"bl_1","tenantId":"t1"}';
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(sha256(GENESIS_HASH + canonical));

    const second = appendEntry(first, { ...draft(2, 't1'), merkleRoot: 'ab'.repeat(32), detail: undefined });
    const canonical2 =
      '{"action":"item.ingest","actor":"user:ana","at":1700000002000,' +
      `"merkleRoot":"${'ab'.repeat(32)}","seq":2,"subject":"item-2","tenantId":"t1"}`;
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(sha256(first.hash + canonical2));
  });

  it('ignores hash, prevHash and unknown fields of what it is given', () => {
    const entry = at(chain(1), 0);
    const relinked: AuditEntry = { ...entry, prevHash: 'e'.repeat(64), hash: 'f'.repeat(64) };
    expect(hashEntry(GENESIS_HASH, relinked)).toBe(entry.hash);
    const withExtra = { ...draft(1), extra: 'x' };
    expect(appendEntry(null, withExtra)).toEqual(entry);
  });

  it('refuses to chain an entry of another tenant', () => {
    const first = appendEntry(null, draft(1, 'tenant-a'));
    expect(() => appendEntry(first, draft(2, 'tenant-b'))).toThrow(
      /tenant "tenant-b" cannot follow tenant "tenant-a"/,
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(chain(20))).toEqual({ ok: true, count: 20 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it('names an edited entry', () => {
    const entries = chain(20);
    entries[16] = { ...at(entries, 16), detail: { n: 17, note: 'quietly changed' } };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      seq: 17,
      index: 16,
      reason: 'entry 17: hash does not match its content (edited?)',
    });
  });

  it('names the entry after one that was edited and rehashed', () => {
    const entries = chain(20);
    const edited = { ...at(entries, 16), actor: 'user:mallory' };
    entries[16] = { ...edited, hash: hashEntry(edited.prevHash, edited) };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 18, index: 17 });
    expect(verifyChain(entries)).toHaveProperty(
      'reason',
      'entry 18: prevHash does not match the hash of entry 17 (an entry deleted, reordered or rewritten?)',
    );
  });

  it('names the entry after a deleted one', () => {
    const entries = chain(20);
    entries.splice(17, 1); // delete seq 18
    expect(verifyChain(entries)).toEqual({
      ok: false,
      seq: 19,
      index: 17,
      reason: 'entry 19: seq 19 follows entry 17: entry 18 is missing (deleted?)',
    });
  });

  it('names a range of deleted entries', () => {
    const entries = chain(20);
    entries.splice(4, 3); // delete seq 5, 6, 7
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      seq: 8,
      index: 4,
      reason: 'entry 8: seq 8 follows entry 4: entries 5–7 are missing (deleted?)',
    });
  });

  it('names a deleted first entry', () => {
    expect(verifyChain(chain(5).slice(1))).toEqual({
      ok: false,
      seq: 2,
      index: 0,
      reason: 'entry 2: seq 2 follows the start of the chain: entry 1 is missing (deleted?)',
    });
  });

  it('names the first of two swapped entries', () => {
    const entries = chain(20);
    const [seq17, seq18] = [at(entries, 16), at(entries, 17)];
    entries[16] = seq18;
    entries[17] = seq17;
    expect(verifyChain(entries)).toEqual({
      ok: false,
      seq: 18,
      index: 16,
      reason: 'entry 18: seq 18 follows entry 16: entry 17 appears later (reordered?)',
    });
  });

  it('names swapped entries whose seq numbers were swapped too', () => {
    const entries = chain(20);
    const [seq17, seq18] = [at(entries, 16), at(entries, 17)];
    entries[16] = { ...seq18, seq: 17 };
    entries[17] = { ...seq17, seq: 18 };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      seq: 17,
      index: 16,
      reason: 'entry 17: hash does not match its content (edited?)',
    });
  });

  it('names a repeated and a backwards seq', () => {
    const repeated = chain(8);
    repeated.splice(5, 0, at(repeated, 4)); // seq 5 twice
    expect(verifyChain(repeated)).toMatchObject({
      seq: 5,
      index: 5,
      reason: 'entry 5: seq 5 repeats entry 5 (duplicated?)',
    });
    const backwards = chain(8);
    backwards.splice(6, 0, at(backwards, 2)); // seq 3 again after seq 6
    expect(verifyChain(backwards)).toMatchObject({
      seq: 3,
      index: 6,
      reason: 'entry 3: seq 3 follows entry 6: entries are out of order',
    });
  });

  it('names a first entry not chained to the genesis hash', () => {
    const entries = chain(5);
    const first = { ...at(entries, 0), prevHash: 'ab'.repeat(32) };
    entries[0] = { ...first, hash: hashEntry(first.prevHash, first) };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      seq: 1,
      index: 0,
      reason: 'entry 1: prevHash is not the genesis hash: the chain does not start here',
    });
  });

  it('names a wrong first prevHash that was not rehashed as an edit', () => {
    const entries = chain(5);
    entries[0] = { ...at(entries, 0), prevHash: 'ab'.repeat(32) };
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      seq: 1,
      index: 0,
      reason: expect.stringMatching(/hash does not match/),
    });
  });

  it('verifies a range from a checkpoint anchor', () => {
    const entries = chain(20);
    const checkpoint = { seq: 10, hash: at(entries, 9).hash };
    expect(verifyChain(entries.slice(10), checkpoint)).toEqual({ ok: true, count: 10 });
    expect(verifyChain(entries.slice(10), { seq: 10, hash: at(entries, 8).hash })).toEqual({
      ok: false,
      seq: 11,
      index: 0,
      reason:
        'entry 11: prevHash does not match the hash of the checkpoint at entry 10 (an entry deleted, reordered or rewritten?)',
    });
    expect(verifyChain(entries.slice(11), checkpoint)).toMatchObject({
      seq: 12,
      reason: 'entry 12: seq 12 follows the checkpoint at entry 10: entry 11 is missing (deleted?)',
    });
  });

  it('names an entry of another tenant and a row with an unusable seq', () => {
    const entries = chain(3);
    entries.push(appendEntry(null, draft(1, 'tenant-b')));
    expect(verifyChain(entries)).toMatchObject({
      seq: 1,
      index: 3,
      reason: 'entry 1: belongs to tenant "tenant-b", but the chain is tenant "tenant-a"',
    });
    const broken = chain(3);
    broken[1] = { ...at(broken, 1), seq: 1.5 };
    expect(verifyChain(broken)).toEqual({
      ok: false,
      seq: null,
      index: 1,
      reason: 'row 2: seq 1.5 is not a positive integer',
    });
  });

  it('reports content that cannot be canonicalised instead of throwing', () => {
    const entries = chain(3);
    entries[2] = { ...at(entries, 2), detail: { amount: Number.NaN } };
    expect(verifyChain(entries)).toMatchObject({
      seq: 3,
      reason:
        'entry 3: content cannot be hashed (canonicalJson: NaN is not a JSON number at $.detail.amount)',
    });
  });
});
