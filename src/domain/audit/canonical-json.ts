import { WorkledgerError } from '../errors.js';

// RFC 8785 (JCS) for the values audit entries hold: keys sorted by UTF-16 code units, no whitespace,
// numbers and strings as ECMAScript JSON.stringify writes them. Anything JSON cannot hold faithfully
// is rejected rather than silently dropped, because a hash over lossy output proves nothing.

/** Deterministic JSON text of `value` (RFC 8785 style); throws a VALIDATION error for non-JSON values. */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set<object>());
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
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

function serializeObject(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw invalid(path, 'cyclic reference');
  ancestors.add(value);
  try {
    if (hasToJson(value)) return serialize(value.toJSON(), path, ancestors);
    if (Array.isArray(value)) {
      const items: unknown[] = value;
      return `[${items.map((item, i) => serialize(item, `${path}[${i}]`, ancestors)).join(',')}]`;
    }
    if (!isPlainObject(value)) throw invalid(path, 'only plain objects, arrays and Dates can be hashed');
    const members: string[] = [];
    for (const key of Object.keys(value).sort(compareCodeUnits)) {
      const member: unknown = Reflect.get(value, key);
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${serialize(member, `${path}.${key}`, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
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

function invalid(path: string, problem: string): WorkledgerError {
  return new WorkledgerError('VALIDATION', `canonicalJson: ${problem} at ${path}`);
}
