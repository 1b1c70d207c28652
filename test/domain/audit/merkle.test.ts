import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type MerkleProof,
  merkleLeafHash,
  merkleProof,
  merkleRoot,
  verifyMerkleProof,
} from '../../../src/domain/audit/merkle.js';

// Independent reference hashing, written out with createHash and explicit prefix bytes.
function leaf(record: string): string {
  return createHash('sha256')
    .update(Buffer.from([0x00]))
    .update(Buffer.from(record, 'utf8'))
    .digest('hex');
}
function node(left: string, right: string): string {
  return createHash('sha256')
    .update(Buffer.from([0x01]))
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

const a = leaf('{"record":"a"}');
const b = leaf('{"record":"b"}');
const c = leaf('{"record":"c"}');
const d = leaf('{"record":"d"}');
const e = leaf('{"record":"e"}');
const f = leaf('{"record":"f"}');
const g = leaf('{"record":"g"}');

function leaves(count: number): string[] {
  return [a, b, c, d, e, f, g].slice(0, count);
}

describe('merkleLeafHash', () => {
  it('hashes 0x00 followed by the UTF-8 record', () => {
    expect(merkleLeafHash('{"record":"a"}')).toBe(a);
    expect(merkleLeafHash('ü')).toBe(
      createHash('sha256')
        .update(Buffer.from([0x00, 0xc3, 0xbc]))
        .digest('hex'),
    );
  });

  it('matches the RFC 6962 empty-leaf vector', () => {
    expect(merkleLeafHash('')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });
});

describe('merkleRoot', () => {
  it('is SHA-256 of the empty string for zero leaves', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is the leaf itself for one leaf', () => {
    expect(merkleRoot(leaves(1))).toBe(a);
  });

  it('hashes two leaves as one node', () => {
    expect(merkleRoot(leaves(2))).toBe(node(a, b));
  });

  it('promotes the odd leaf of three: split at 2 gives node(node(a,b), c)', () => {
    expect(merkleRoot(leaves(3))).toBe(node(node(a, b), c));
  });

  it('splits five leaves at 4: node(node(node(a,b), node(c,d)), e)', () => {
    const left = node(node(a, b), node(c, d));
    expect(merkleRoot(leaves(5))).toBe(node(left, e));
  });

  it('matches the RFC 6962 reference roots for 1..8 leaves', () => {
    // Leaf data of the certificate-transparency test vectors (all ASCII, so UTF-8 is the same bytes).
    const hex = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const ctLeaves = hex.map((bytes) => merkleLeafHash(Buffer.from(bytes, 'hex').toString('latin1')));
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    roots.forEach((root, i) => expect(merkleRoot(ctLeaves.slice(0, i + 1))).toBe(root));
  });

  it('rejects leaves that are not lowercase hex SHA-256', () => {
    expect(() => merkleRoot(['abc'])).toThrow(/leafHashes\[0\]/);
    expect(() => merkleRoot([a, b.toUpperCase()])).toThrow(/leafHashes\[1\]/);
  });
});

describe('merkleProof and verifyMerkleProof', () => {
  const seven = leaves(7);
  const root = merkleRoot(seven);

  it('builds the expected path for the promoted last leaf of seven', () => {
    // 7 splits 4|3, the right 3 splits 2|1: leaf g pairs with node(e,f), then with the root of a..d.
    expect(merkleProof(seven, 6)).toEqual({
      leafIndex: 6,
      treeSize: 7,
      path: [
        { side: 'left', hash: node(e, f) },
        { side: 'left', hash: node(node(a, b), node(c, d)) },
      ],
    });
    expect(merkleProof(seven, 2).path).toEqual([
      { side: 'right', hash: d },
      { side: 'left', hash: node(a, b) },
      { side: 'right', hash: node(node(e, f), g) },
    ]);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('verifies leaf %i of seven and rejects tampering', (index) => {
    const leafHash = seven[index] ?? '';
    const proof = merkleProof(seven, index);
    expect(verifyMerkleProof(leafHash, proof, root)).toBe(true);

    const otherLeaf = seven[(index + 1) % 7] ?? '';
    expect(verifyMerkleProof(otherLeaf, proof, root)).toBe(false);
    expect(verifyMerkleProof(leafHash, proof, merkleRoot(leaves(6)))).toBe(false);

    const flipHash = (hash: string): string => (hash[0] === '0' ? '1' : '0') + hash.slice(1);
    proof.path.forEach((step, level) => {
      const tampered = proof.path.map((s, i) => (i === level ? { ...s, hash: flipHash(s.hash) } : s));
      expect(verifyMerkleProof(leafHash, { ...proof, path: tampered }, root)).toBe(false);
      const flipped = proof.path.map((s, i) =>
        i === level ? { ...s, side: s.side === 'left' ? ('right' as const) : ('left' as const) } : s,
      );
      expect(verifyMerkleProof(leafHash, { ...proof, path: flipped }, root)).toBe(false);
    });

    const variants: MerkleProof[] = [
      { ...proof, path: proof.path.slice(1) },
      { ...proof, path: [...proof.path, { side: 'right', hash: a }] },
      { ...proof, leafIndex: (index + 1) % 7 },
      { ...proof, treeSize: 1 },
      { ...proof, treeSize: 0 },
      { ...proof, leafIndex: 7 },
      { ...proof, leafIndex: -1 },
    ];
    for (const variant of variants) expect(verifyMerkleProof(leafHash, variant, root)).toBe(false);
  });

  it('binds the index only to the tree size the verifier trusts', () => {
    // Leaf 0 takes the path right,right,right in trees of 7 and of 8 leaves alike, so the root, not
    // the proof's own treeSize, fixes the size: callers compare treeSize with the batch's record count.
    const proof = merkleProof(seven, 0);
    expect(verifyMerkleProof(a, { ...proof, treeSize: 8 }, root)).toBe(true);
    expect(verifyMerkleProof(a, { ...proof, treeSize: 7 }, root)).toBe(true);
  });

  it('proves the only leaf of a one-leaf tree with an empty path', () => {
    const proof = merkleProof(leaves(1), 0);
    expect(proof.path).toEqual([]);
    expect(verifyMerkleProof(a, proof, a)).toBe(true);
  });

  it('rejects an index outside the tree', () => {
    expect(() => merkleProof(seven, 7)).toThrow(/index 7 is outside a tree of 7 leaves/);
    expect(() => merkleProof(seven, -1)).toThrow(/outside/);
    expect(() => merkleProof(seven, 1.5)).toThrow(/outside/);
    expect(() => merkleProof([], 0)).toThrow(/outside/);
  });
});
