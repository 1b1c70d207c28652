import type { z } from 'zod';
import { WorkledgerError } from '../domain/errors.js';

/** Parse with a zod schema; the first issue becomes a VALIDATION error naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, fieldPrefix?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [fieldPrefix, ...issuePath(issue).map(String)]
    .filter((p) => p !== undefined && p !== '')
    .join('.');
  const field = path === '' ? '(body)' : path;
  throw new WorkledgerError('VALIDATION', `${field}: ${describeIssue(issue)}`, field);
}

/** The path of the field an issue is about; for unknown keys, the first unknown key itself. */
export function issuePath(issue: z.core.$ZodIssue | undefined): PropertyKey[] {
  if (!issue) return [];
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path;
}

/** A zod issue as one readable phrase (unknown keys named). */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}
