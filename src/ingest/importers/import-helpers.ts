import type { z } from 'zod';
import { describeIssue, issuePath } from '../../services/parse-input.js';
import { fieldOfPath } from '../batch-body.js';
import type { ImportRejection } from '../import-runner.js';

/** Helpers every JSON importer shares: what counts as an object, and a zod failure as a rejection. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record's first validation issue as the rejection of its line: the field as a path (`fields.updated`,
 * under `prefix` when the record sits in a side list such as `audits`), and the reason in words.
 */
export function zodRejection(line: number, error: z.ZodError, prefix: string | null = null): ImportRejection {
  const issue = error.issues[0];
  const path = fieldOfPath(issuePath(issue));
  const field = prefix === null ? path : path === '(record)' ? prefix : `${prefix}.${path}`;
  return { line, field, reason: describeIssue(issue) };
}
