import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/audit/canonical-json.js';
import { WorkledgerError } from '../../../src/domain/errors.js';

function rejects(value: unknown, message: RegExp): void {
  let caught: unknown;
  try {
    canonicalJson(value);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WorkledgerError);
  expect(caught).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
}

describe('canonicalJson', () => {
  it('writes scalars as JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson('hi')).toBe('"hi"');
    expect(canonicalJson(42)).toBe('42');
  });

  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 2, b: 1 })).toBe(canonicalJson({ b: 1, a: 2 }));
  });

  it('sorts nested objects recursively and keeps array order', () => {
    const value = { z: { y: [3, { d: 1, c: 2 }, 'x'], x: null }, a: true, m: [] as unknown[], n: {} };
    expect(canonicalJson(value)).toBe('{"a":true,"m":[],"n":{},"z":{"x":null,"y":[3,{"c":2,"d":1},"x"]}}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Code units: \r=000D < '1'=0031 < 0080 < 00F6 < 20AC < D83D (emoji high surrogate) < FB33.
    // The emoji (code point 1F600) sorts before U+FB33 only because the order is by code unit.
    const expected =
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}';
    expect(canonicalJson(value)).toBe(expected);
  });

  it('escapes strings as JCS does: only quote, backslash and controls (RFC 8785 §3.2.2.2)', () => {
    expect(canonicalJson('\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/')).toBe(
      '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"',
    );
    expect(canonicalJson('tab\there')).toBe('"tab\\there"');
    expect(canonicalJson('naïve 日本 😀')).toBe('"naïve 日本 😀"');
  });

  it('writes numbers in ECMAScript shortest form (RFC 8785 §3.2.2.3 examples)', () => {
    expect(canonicalJson(4.5)).toBe('4.5');
    expect(canonicalJson(1e30)).toBe('1e+30');
    expect(canonicalJson(0.002)).toBe('0.002');
    expect(canonicalJson(1e-7)).toBe('1e-7');
    expect(canonicalJson(Number('333333333.33333329'))).toBe('333333333.3333333');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(9007199254740991)).toBe('9007199254740991');
  });

  it('drops undefined object members', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('writes Dates through toJSON', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) })).toBe(
      '{"at":"2024-01-02T03:04:05.006Z"}',
    );
  });

  it('rejects values JSON cannot hold faithfully', () => {
    rejects(Number.NaN, /NaN is not a JSON number at \$/);
    rejects({ a: [1, Number.POSITIVE_INFINITY] }, /Infinity is not a JSON number at \$\.a\[1\]/);
    rejects(Number.NEGATIVE_INFINITY, /-Infinity/);
    rejects({ amount: 10n }, /bigint .* at \$\.amount/);
    rejects(undefined, /undefined is not a JSON value/);
    rejects([1, undefined], /undefined is not a JSON value at \$\[1\]/);
    rejects({ f: () => 1 }, /function is not a JSON value at \$\.f/);
    rejects({ m: new Map([['a', 1]]) }, /only plain objects/);
  });

  it('rejects cycles but accepts shared references', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    rejects(cyclic, /cyclic reference at \$\.self/);
    const shared = { x: 1 };
    expect(canonicalJson({ p: shared, q: [shared] })).toBe('{"p":{"x":1},"q":[{"x":1}]}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});
