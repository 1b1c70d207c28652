import { describe, expect, it } from 'vitest';
import { attributesProblem } from '../../src/domain/attributes.js';
import { StoredText, textProblem } from '../../src/domain/text.js';

describe('storable text', () => {
  it('refuses NUL and lone surrogates, and keeps every well-formed string', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\uD800')).toMatch(/lone surrogate/); // a high surrogate alone
    expect(textProblem('x\uDC00')).toMatch(/lone surrogate/); // a low surrogate alone
    expect(textProblem('\uDC00\uD800')).toMatch(/lone surrogate/); // a pair in the wrong order
    for (const ok of ['', 'INC0010', 'Zürich', '日本語', '😀 = \uD83D\uDE00', 'tab\tnew\nline', '\uFFFD'])
      expect(textProblem(ok), JSON.stringify(ok)).toBeNull();
  });

  it('is the base of input schemas, with their own limits kept', () => {
    const Name = StoredText.trim().min(1).max(5);
    expect(Name.parse(' ab ')).toBe('ab');
    expect(Name.safeParse('a\u0000').error?.issues[0]?.message).toMatch(/NUL/);
    expect(Name.safeParse('abcdefg').success).toBe(false);
  });
});

describe('attributes limits', () => {
  const nested = (depth: number): Record<string, unknown> =>
    depth === 1 ? { leaf: 1 } : { a: nested(depth - 1) };

  it('allows 8 levels, 200 keys and 16 KiB, and refuses one more, naming where', () => {
    expect(attributesProblem(nested(8))).toBeNull();
    expect(attributesProblem(nested(9))).toEqual({
      path: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'],
      message: 'nested deeper than 8 levels',
    });
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(attributesProblem(keys(200))).toBeNull();
    expect(attributesProblem(keys(201))?.message).toBe('more than 200 keys (nested objects count)');
    // {"s":"…"} is 8 bytes of JSON around the string
    expect(attributesProblem({ s: 'x'.repeat(16 * 1024 - 8) })).toBeNull();
    expect(attributesProblem({ s: 'x'.repeat(16 * 1024 - 7) })?.message).toBe(
      'larger than 16384 bytes as JSON (16385)',
    );
  });

  it('names a string or a key that is not storable text', () => {
    expect(attributesProblem({ tags: ['ok', 'b\u0000d'] })).toEqual({
      path: ['tags', 1],
      message: expect.stringMatching(/NUL/),
    });
    expect(attributesProblem({ meta: { 'k\uD800': 1 } })).toEqual({
      path: ['meta'],
      message: expect.stringMatching(/^key "k\\ud800" must not contain a lone surrogate/),
    });
  });
});
