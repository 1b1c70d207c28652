import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itemId } from '../../src/domain/item-record.js';

/** The id every stored item got before ids were made injective: sha256 of `source NUL external_id`. */
function idOfBefore(source: string, externalId: string): string {
  return 'itm_' + createHash('sha256').update(`${source}\u0000${externalId}`).digest('hex').slice(0, 24);
}

describe('itemId', () => {
  it('keeps the id of every storable key', () => {
    const keys: [string, string][] = [
      ['servicenow', 'INC0010001'],
      ['jira', 'TES-41'],
      ['zendesk', '35436'],
      ['agent', 'Zürich-😀'],
    ];
    for (const [source, externalId] of keys)
      expect(itemId(source, externalId)).toBe(idOfBefore(source, externalId));
    // pinned, so a change of the hash itself is seen too
    expect(itemId('servicenow', 'INC0010001')).toBe('itm_9eea4912f5518e952f23f05d');
  });

  it('gives keys that used to share a preimage different ids', () => {
    const pairs: [[string, string], [string, string]][] = [
      [
        ['a\u0000b', 'c'],
        ['a', 'b\u0000c'],
      ],
      [
        ['a', '\uD800'],
        ['a', '\uFFFD'], // a lone surrogate encodes to UTF-8 as U+FFFD
      ],
      [
        ['a', '\uD800'],
        ['a', '\uDC00'],
      ],
      [
        ['\uD800', 'x'],
        ['\uFFFD', 'x'],
      ],
      [
        ['a\u0000', 'b'],
        ['a', '\u0000b'],
      ],
    ];
    for (const [[s1, e1], [s2, e2]] of pairs)
      expect(itemId(s1, e1), JSON.stringify([s1, e1, s2, e2])).not.toBe(itemId(s2, e2));
    // and none of them takes the id of the storable key it would have collided with
    expect(itemId('a\u0000b', 'c')).not.toBe(idOfBefore('a', 'b\u0000c'));
    expect(itemId('a', '\uD800')).not.toBe(itemId('a', '\uFFFD'));
  });
});
