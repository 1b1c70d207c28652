import type { z } from 'zod';
import { WorkledgerError } from '../domain/errors.js';

/** Parse with a zod schema; the first issue becomes a VALIDATION error naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, fieldPrefix?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [fieldPrefix, ...(issue?.path ?? []).map(String)]
    .filter((p) => p !== undefined && p !== '')
    .join('.');
  const field = path === '' ? '(body)' : path;
  throw new WorkledgerError('VALIDATION', `${field}: ${describeIssue(issue)}`, field);
}

/** A zod issue as one readable phrase (unknown keys named). */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid';
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}
