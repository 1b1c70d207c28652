import { WorkledgerError } from '../domain/errors.js';

export const MAX_BATCH_RECORDS = 10_000;

/** One record's rejection, as the API reports it (HTTP 207). */
export interface RecordError {
  index: number;
  field: string;
  message: string;
}

/**
 * Split a batch body into raw records: `{ "<key>": [ … ] }` JSON, or NDJSON (one record a line).
 * An unreadable JSON body is a 400; an unreadable NDJSON line only rejects that record.
 */
export function readBatchBody(
  text: string,
  contentType: string,
  key: string,
): { records: unknown[]; errors: RecordError[] } {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') {
    return readNdjson(text);
  }
  if (type !== 'application/json' && type !== '')
    throw new WorkledgerError(
      'UNSUPPORTED_MEDIA_TYPE',
      `content-type ${type} is not accepted: send application/json or application/x-ndjson`,
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new WorkledgerError('VALIDATION', `body: not valid JSON (${(error as Error).message})`, 'body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new WorkledgerError('VALIDATION', `body: must be an object { "${key}": [ … ] }`, 'body');
  const extra = Object.keys(body).filter((k) => k !== key);
  if (extra.length)
    throw new WorkledgerError('VALIDATION', `body: unknown field(s) ${extra.join(', ')}`, extra[0]);
  const records: unknown = (body as Record<string, unknown>)[key];
  if (!Array.isArray(records)) throw new WorkledgerError('VALIDATION', `${key}: must be an array`, key);
  checkCount(records.length);
  return { records, errors: [] };
}

function readNdjson(text: string): { records: unknown[]; errors: RecordError[] } {
  const records: unknown[] = [];
  const errors: RecordError[] = [];
  const lines = text.split('\n');
  for (const line of lines) {
    if (line.trim() === '') continue;
    const index = records.length;
    try {
      records.push(JSON.parse(line));
    } catch {
      records.push(undefined);
      errors.push({ index, field: '(line)', message: `line ${index + 1} is not valid JSON` });
    }
    checkCount(records.length);
  }
  return { records, errors };
}

function checkCount(count: number): void {
  if (count > MAX_BATCH_RECORDS)
    throw new WorkledgerError(
      'LIMIT_EXCEEDED',
      `a batch holds at most ${MAX_BATCH_RECORDS} records; split it`,
    );
}

/** A zod issue path as a field name: `links[0].kind`. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  let field = '';
  for (const part of path) {
    if (typeof part === 'number') field += `[${part}]`;
    else field += field === '' ? String(part) : `.${String(part)}`;
  }
  return field === '' ? '(record)' : field;
}
