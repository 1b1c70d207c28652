import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/audit/canonical-json.js';
import { merkleLeafHash } from '../../../src/domain/audit/merkle.js';
import { tableRowDigest, type ColumnValue } from '../../../src/domain/audit/row-digest.js';

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
