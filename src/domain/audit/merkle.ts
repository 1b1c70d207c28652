import { Buffer } from 'node:buffer';
import { createHash, hash } from 'node:crypto';
import { WorkledgerError } from '../errors.js';

// RFC 6962 Merkle tree hash: leaves are SHA-256(0x00 ‖ record), interior nodes SHA-256(0x01 ‖ left ‖ right),
// so a leaf can never be passed off as a node. A tree of n leaves splits at the largest power of two
// below n; the hex strings here are lowercase SHA-256 digests, hashed as their 32 raw bytes.

const NODE_PREFIX = Uint8Array.of(0x01);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Which side of the running hash a proof sibling sits on. */
export type MerkleSide = 'left' | 'right';

/** One level of an inclusion proof: the sibling subtree's root and the side it is on. */
export interface MerkleProofStep {
  side: MerkleSide;
  hash: string;
}

// The root does not commit to treeSize by itself: a verifier must take the size from a trusted
// source (the batch's record count) and compare it; given that size, the path fixes the index.
/** Proof that the leaf at `leafIndex` is in a tree of `treeSize` leaves; `path` runs from leaf to root. */
export interface MerkleProof {
  leafIndex: number;
  treeSize: number;
  path: readonly MerkleProofStep[];
}

/** Leaf hash of one record's canonical JSON: SHA-256(0x00 ‖ UTF-8 bytes), lowercase hex. */
export function merkleLeafHash(canonicalRecord: string): string {
  // U+0000 is the one byte 0x00 in UTF-8, so this hashes 0x00 ‖ the record's bytes; the one-shot hash
  // costs half of a Hash object's update-and-digest for records this short.
  return hash('sha256', '\u0000' + canonicalRecord, 'hex');
}

/** Root over leaf hashes in order; zero leaves give SHA-256 of the empty string. */
export function merkleRoot(leafHashes: readonly string[]): string {
  leafHashes.forEach((leaf, i) => requireHash(leaf, `leafHashes[${i}]`));
  if (leafHashes.length === 0) return createHash('sha256').digest('hex');
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** Inclusion proof for the leaf at `index` (RFC 6962 audit path). */
export function merkleProof(leafHashes: readonly string[], index: number): MerkleProof {
  leafHashes.forEach((leaf, i) => requireHash(leaf, `leafHashes[${i}]`));
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new WorkledgerError(
      'VALIDATION',
      `merkleProof: index ${index} is outside a tree of ${leafHashes.length} leaves`,
      'index',
    );
  }
  const path: MerkleProofStep[] = [];
  let start = 0;
  let end = leafHashes.length;
  // Descend from the root; each level's sibling is recorded, then reversed into leaf-to-root order.
  while (end - start > 1) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (index < split) {
      path.push({ side: 'right', hash: subtreeRoot(leafHashes, split, end) });
      end = split;
    } else {
      path.push({ side: 'left', hash: subtreeRoot(leafHashes, start, split) });
      start = split;
    }
  }
  return { leafIndex: index, treeSize: leafHashes.length, path: path.reverse() };
}

/** True when `proof` links `leafHash` to `root` at the position and tree size the proof claims. */
export function verifyMerkleProof(leafHash: string, proof: MerkleProof, root: string): boolean {
  if (!SHA256_HEX.test(leafHash) || !SHA256_HEX.test(root)) return false;
  const sides = expectedSides(proof.leafIndex, proof.treeSize);
  if (sides === null || sides.length !== proof.path.length) return false;
  let running = leafHash;
  for (const [level, step] of proof.path.entries()) {
    if (step.side !== sides[level] || !SHA256_HEX.test(step.hash)) return false;
    running = step.side === 'left' ? nodeHash(step.hash, running) : nodeHash(running, step.hash);
  }
  return running === root;
}

function nodeHash(left: string, right: string): string {
  const bytes = Buffer.allocUnsafe(65);
  bytes[0] = NODE_PREFIX[0] ?? 0x01;
  bytes.write(left, 1, 32, 'hex');
  bytes.write(right, 33, 32, 'hex');
  return hash('sha256', bytes, 'hex');
}

function subtreeRoot(leaves: readonly string[], start: number, end: number): string {
  if (end - start === 1) return leafAt(leaves, start);
  const split = start + largestPowerOfTwoBelow(end - start);
  return nodeHash(subtreeRoot(leaves, start, split), subtreeRoot(leaves, split, end));
}

/** Sibling sides a proof for `leafIndex` in a tree of `treeSize` must have, leaf to root; null if impossible. */
function expectedSides(leafIndex: number, treeSize: number): MerkleSide[] | null {
  if (!Number.isSafeInteger(treeSize) || !Number.isSafeInteger(leafIndex)) return null;
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  const sides: MerkleSide[] = [];
  let index = leafIndex;
  let size = treeSize;
  while (size > 1) {
    const split = largestPowerOfTwoBelow(size);
    if (index < split) {
      sides.push('right');
      size = split;
    } else {
      sides.push('left');
      index -= split;
      size -= split;
    }
  }
  return sides.reverse();
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function leafAt(leaves: readonly string[], i: number): string {
  const leaf = leaves[i];
  if (leaf === undefined) throw new WorkledgerError('INTERNAL', `merkle: no leaf at ${i}`);
  return leaf;
}

function requireHash(value: string, field: string): void {
  if (!SHA256_HEX.test(value)) {
    throw new WorkledgerError('VALIDATION', `merkle: ${field} is not a lowercase hex SHA-256 digest`, field);
  }
}
