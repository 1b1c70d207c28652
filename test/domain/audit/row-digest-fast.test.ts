import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/audit/canonical-json.js';
import { merkleLeafHash } from '../../../src/domain/audit/merkle.js';
import {
  itemRowDigest,
  tableRowDigest,
  type ColumnValue,
  type ItemDigestRow,
  type ItemLinkDigest,
} from '../../../src/domain/audit/row-digest.js';

describe('tableRowDigest', () => {
  it('is the leaf hash of canonicalJson({ table, row }), byte for byte', () => {
    const rows: Record<string, ColumnValue>[] = [
      { tenant_id: 't', id: 'itm_1', outcome: 'resolved', priority: 3, csat: null, confidence: 0.25 },
      {
        z_last: 'é "quoted" \\ \n',
        a_first: -0,
        big: 1e21,
        small: 1e-7,
        links: [{ to_source: 'x', kind: 'k' }],
      },
      { attributes: '{"b":1,"a":[2]}', reopen_count: 0, empty: '' },
    ];
    for (const row of rows)
      expect(tableRowDigest('items', row)).toBe(merkleLeafHash(canonicalJson({ table: 'items', row })));
  });
});

describe('itemRowDigest', () => {
  const row: ItemDigestRow = {
    tenant_id: 'ten_1',
    id: 'itm_1',
    source: 'servicenow',
    external_id: 'INC "0001" é',
    workflow: 'it_helpdesk',
    category: null,
    priority: 2,
    channel: 'chat',
    opened_at: 1_767_225_600_000,
    first_response_at: null,
    resolved_at: 1_767_226_000_000,
    closed_at: null,
    reassignment_count: 0,
    reopen_count: 1,
    handled_by: 'agt_1',
    outcome: 'resolved',
    confidence: 0.875,
    state_change_verified: 1,
    csat: null,
    sla_met: 1,
    attributes: '{"a":1}',
    handoff_minutes: 12.5,
    updated_at: 1_767_226_000_001,
    reversed_at: null,
    reversal_reason: null,
    disputed_at: null,
    durable_at: null,
    content_hash: 'abc',
    ingested_at: 1_767_226_000_002,
  };

  /** The general path: every column, links de-duplicated and sorted by their canonical JSON. */
  function generalDigest(r: Record<string, ColumnValue | undefined>, links: ItemLinkDigest[]): string {
    const unique = new Map(links.map((l) => [canonicalJson(l), l]));
    const sorted = [...unique.keys()].sort().map((k) => unique.get(k) as ItemLinkDigest);
    const columns = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
    return merkleLeafHash(canonicalJson({ table: 'items', row: { ...columns, links: sorted } }));
  }

  it('is the general digest of the row and its links, byte for byte, whatever order links arrive in', () => {
    const links: ItemLinkDigest[] = [
      { kind: 'rework', to_source: 'jira', to_external_id: 'B-2' },
      { kind: 'parent', to_source: 'servicenow', to_external_id: 'A "1"' },
      { kind: 'rework', to_source: 'jira', to_external_id: 'B-2' },
      { kind: 'rework', to_source: 'jira', to_external_id: 'B-10' },
    ];
    const digest = itemRowDigest(row, links);
    expect(digest).toBe(generalDigest({ ...row }, links));
    expect(itemRowDigest(row, [...links].reverse())).toBe(digest);
    expect(itemRowDigest(row, [])).toBe(generalDigest({ ...row }, []));
    // a row read before handoff_minutes existed digests as NULL there
    const { handoff_minutes: _dropped, ...older } = row;
    expect(itemRowDigest(older, [])).toBe(generalDigest({ ...older, handoff_minutes: null }, []));
    // every column counts
    expect(itemRowDigest({ ...row, reopen_count: 2 }, links)).not.toBe(digest);
    expect(itemRowDigest(row, links.slice(1))).toBe(digest); // the first link is sent twice
    expect(itemRowDigest(row, links.slice(0, 3))).not.toBe(digest);
  });
});
