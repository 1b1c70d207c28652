import { WorkledgerError } from '../domain/errors.js';
import { parseIsoTime } from '../domain/time.js';
import type { ItemFilter } from '../domain/item-filter.js';

/** Query parameters as lists: repeated (`agent=a&agent=b`) and comma-separated (`agent=a,b`) both work. */
export type QueryLists = Record<string, string[]>;

export function listParam(query: QueryLists, name: string): string[] | undefined {
  const values = (query[name] ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return values.length ? values : undefined;
}

export function rejectUnknown(query: QueryLists, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length)
    throw new WorkledgerError(
      'VALIDATION',
      `${unknown[0]}: unknown query parameter (allowed: ${allowed.join(', ')})`,
      unknown[0],
    );
}

export function timeParam(
  query: QueryLists,
  name: string,
  timeZone: string,
  required: boolean,
): number | undefined {
  const text = query[name]?.[0];
  if (text === undefined || text === '') {
    if (required) throw new WorkledgerError('VALIDATION', `${name}: required (ISO-8601 time or date)`, name);
    return undefined;
  }
  const ms = parseIsoTime(text, timeZone);
  if (ms === null)
    throw new WorkledgerError('VALIDATION', `${name}: not an ISO-8601 time or date: ${text}`, name);
  return ms;
}

export const FILTER_PARAMS = ['from', 'to', 'agent', 'workflow', 'category', 'priority', 'channel'] as const;

/** The KPI filters of a query string; every analytical query needs its window. */
export function filterFromQuery(query: QueryLists, timeZone: string): ItemFilter {
  const from = timeParam(query, 'from', timeZone, true) ?? 0;
  const to = timeParam(query, 'to', timeZone, true) ?? 0;
  const priorities = listParam(query, 'priority')?.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 5)
      throw new WorkledgerError('VALIDATION', `priority: must be 1..5, got ${p}`, 'priority');
    return n;
  });
  return {
    from,
    to,
    agent: listParam(query, 'agent'),
    workflow: listParam(query, 'workflow'),
    category: listParam(query, 'category'),
    priority: priorities,
    channel: listParam(query, 'channel'),
  };
}
