import { WorkledgerError } from '../errors.js';

// RFC 8785 (JCS) for the values audit entries hold: keys sorted by UTF-16 code units, no whitespace,
// numbers and strings as ECMAScript JSON.stringify writes them. Anything JSON cannot hold faithfully
// is rejected rather than silently dropped, because a hash over lossy output proves nothing.

/** Deterministic JSON text of `value` (RFC 8785 style); throws a VALIDATION error for non-JSON values. */
export function canonicalJson(value: unknown): string {
  return serialize(value, [], new Set<object>());
}

// The path is kept as a stack of segments and joined only for an error: building it for every member
// cost more than the serialisation itself (it runs for every ingested row).
type PathStack = (string | number)[];

function serialize(value: unknown, path: PathStack, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw invalid(path, `${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'bigint':
      throw invalid(path, 'bigint has no exact JSON form (convert it to a string or number first)');
    case 'object':
      return serializeObject(value, path, ancestors);
    default:
      // undefined, function and symbol: JSON.stringify would drop them silently.
      throw invalid(path, `${typeof value} is not a JSON value`);
  }
}

function serializeObject(value: object, path: PathStack, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw invalid(path, 'cyclic reference');
  ancestors.add(value);
  try {
    if (hasToJson(value)) return serialize(value.toJSON(), path, ancestors);
    if (Array.isArray(value)) {
      const items: readonly unknown[] = value;
      let text = '[';
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        text += (i ? ',' : '') + serialize(items[i], path, ancestors);
        path.pop();
      }
      return text + ']';
    }
    if (!isPlainObject(value)) throw invalid(path, 'only plain objects, arrays and Dates can be hashed');
    let text = '{';
    let first = true;
    for (const key of sortedKeys(value)) {
      const member: unknown = Reflect.get(value, key);
      if (member === undefined) continue;
      path.push(key);
      text += (first ? '' : ',') + encodedKey(key) + ':' + serialize(member, path, ancestors);
      path.pop();
      first = false;
    }
    return text + '}';
  } finally {
    ancestors.delete(value);
  }
}

// Keys repeat across rows (column names), so their JSON form is kept once each.
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;

function encodedKey(key: string): string {
  let encoded = KEY_CACHE.get(key);
  if (encoded === undefined) {
    encoded = JSON.stringify(key);
    if (KEY_CACHE.size < KEY_CACHE_LIMIT) KEY_CACHE.set(key, encoded);
  }
  return encoded;
}

// Objects of one shape (records, rows) repeat their key set, so its sorted order is kept once per set.
const KEY_ORDERS = new Map<string, readonly string[]>();

function sortedKeys(value: object): readonly string[] {
  const keys = Object.keys(value);
  const id = keys.join('\u0000');
  const cached = KEY_ORDERS.get(id);
  if (cached !== undefined) return cached;
  const sorted = keys.sort(compareCodeUnits);
  // a key holding NUL would make the joined set ambiguous: such objects are sorted every time
  if (!keys.some((k) => k.includes('\u0000')) && KEY_ORDERS.size < KEY_CACHE_LIMIT)
    KEY_ORDERS.set(id, sorted);
  return sorted;
}

function compareCodeUnits(a: string, b: string): number {
  // String comparison in JS is by UTF-16 code unit, which is exactly the order JCS requires.
  return a < b ? -1 : a > b ? 1 : 0;
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof Reflect.get(value, 'toJSON') === 'function';
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function invalid(path: PathStack, problem: string): WorkledgerError {
  const where = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
  return new WorkledgerError('VALIDATION', `canonicalJson: ${problem} at $${where}`);
}
