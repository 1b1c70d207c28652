import { leafSubject, type RowFamily } from '../../domain/audit/leaf-subject.js';
import { itemRowDigest, type ItemDigestRow, type ItemLinkDigest } from '../../domain/audit/row-digest.js';
import type { AuditEvent } from './emit-audit.js';

/** One Merkle leaf of an audit entry: the digest of a row as written, under its typed subject. */
export type RowLeaf = NonNullable<AuditEvent['leaves']>[number];

/** The leaf that commits one written row of `family` (key after tenant_id) with its digest. */
export function rowLeaf(family: RowFamily, key: readonly string[], digest: string): RowLeaf {
  return { leafHash: digest, subject: leafSubject(family, ...key) };
}

/** Digests of items with their outgoing links, in the order of `rows`. */
export function itemDigests(
  rows: readonly ItemDigestRow[],
  links: readonly (ItemLinkDigest & { from_item_id: string })[],
): string[] {
  const linksOf = new Map<string, ItemLinkDigest[]>();
  for (const link of links) {
    const list = linksOf.get(link.from_item_id);
    if (list) list.push(link);
    else linksOf.set(link.from_item_id, [link]);
  }
  return rows.map((r) => itemRowDigest(r, linksOf.get(r.id) ?? []));
}

/** The leaves that commit items as written, with their outgoing links. */
export function itemLeaves(
  rows: readonly ItemDigestRow[],
  links: readonly (ItemLinkDigest & { from_item_id: string })[],
): RowLeaf[] {
  const digests = itemDigests(rows, links);
  return rows.map((r, i) => rowLeaf('item', [r.id], digests[i] ?? ''));
}
