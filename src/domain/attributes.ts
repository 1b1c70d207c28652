import { z } from 'zod';
import { textProblem } from './text.js';

/** How large an item's free `attributes` may be (docs/api.md): nesting, keys in all, JSON bytes. */
export const ATTRIBUTE_LIMITS = { depth: 8, keys: 200, bytes: 16 * 1024 } as const;

export interface AttributesProblem {
  /** Where, below `attributes`: object keys and array positions. */
  path: (string | number)[];
  message: string;
}

interface Walk {
  keys: number;
  nodes: number;
}

/**
 * The first reason an attributes tree cannot be stored: deeper than 8 levels (the object itself is
 * level 1), more than 200 keys counted through every nested object, more than 16 KiB as JSON, a key or
 * string that is not storable text, or a value that is not JSON. Null when it can be stored.
 */
export function attributesProblem(attributes: Record<string, unknown>): AttributesProblem | null {
  const walk: Walk = { keys: 0, nodes: 0 };
  const problem = walkValue(attributes, [], 1, walk);
  if (problem !== null) return problem;
  const bytes = Buffer.byteLength(JSON.stringify(attributes), 'utf8');
  if (bytes > ATTRIBUTE_LIMITS.bytes)
    return { path: [], message: `larger than ${ATTRIBUTE_LIMITS.bytes} bytes as JSON (${bytes})` };
  return null;
}

function walkValue(
  value: unknown,
  path: (string | number)[],
  depth: number,
  walk: Walk,
): AttributesProblem | null {
  walk.nodes += 1;
  // Every value is at least one byte of JSON, so this stops a huge array before it is walked to the end.
  if (walk.nodes > ATTRIBUTE_LIMITS.bytes)
    return { path: [], message: `larger than ${ATTRIBUTE_LIMITS.bytes} bytes as JSON` };
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem === null ? null : { path, message: problem };
  }
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean')
    return null;
  if (typeof value !== 'object') return { path, message: `not a JSON value (${typeof value})` };
  if (depth > ATTRIBUTE_LIMITS.depth)
    return { path, message: `nested deeper than ${ATTRIBUTE_LIMITS.depth} levels` };
  if (Array.isArray(value)) return walkArray(value, path, depth, walk);
  return walkObject(Object.entries(value), path, depth, walk);
}

function walkArray(
  values: readonly unknown[],
  path: (string | number)[],
  depth: number,
  walk: Walk,
): AttributesProblem | null {
  for (const [index, element] of values.entries()) {
    const problem = walkValue(element, [...path, index], depth + 1, walk);
    if (problem !== null) return problem;
  }
  return null;
}

function walkObject(
  entries: [string, unknown][],
  path: (string | number)[],
  depth: number,
  walk: Walk,
): AttributesProblem | null {
  for (const [key, element] of entries) {
    walk.keys += 1;
    if (walk.keys > ATTRIBUTE_LIMITS.keys)
      return { path: [], message: `more than ${ATTRIBUTE_LIMITS.keys} keys (nested objects count)` };
    const keyProblem = textProblem(key);
    // The key itself cannot name the field, so the error names its object and quotes the key escaped.
    if (keyProblem !== null) return { path, message: `key ${JSON.stringify(key)} ${keyProblem}` };
    const problem = walkValue(element, [...path, key], depth + 1, walk);
    if (problem !== null) return problem;
  }
  return null;
}

/** An item's `attributes`: a JSON object within ATTRIBUTE_LIMITS, errors naming the path inside it. */
export const Attributes = z.record(z.string(), z.unknown()).check((ctx) => {
  const problem = attributesProblem(ctx.value);
  if (problem !== null)
    ctx.issues.push({ code: 'custom', message: problem.message, input: ctx.value, path: problem.path });
});
