import { epochMsToIsoOrNull, parseIsoTime, toIso } from '../../domain/time.js';

const JIRA_TIME = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A Jira time (`2019-02-15T19:01:52.971-0800`, offset without colon) as UTC ISO-8601
 * (`2019-02-16T03:01:52.971Z`). A time without an offset is returned as it is, so the ingestion
 * core reads it in the tenant's zone (KPIS.md); null when unreadable.
 */
export function jiraTime(text: string): string | null {
  const match = JIRA_TIME.exec(text.trim());
  if (!match?.[1]) return null;
  const ms = parseIsoTime(match[1] + (match[2] ?? ''));
  if (ms === null) return null;
  return match[2] === undefined ? match[1] : toIso(ms);
}

/** A webhook `timestamp` (epoch milliseconds) as UTC ISO-8601; null outside 1970 … 2199. */
export function epochMsToIso(ms: number): string | null {
  return epochMsToIsoOrNull(ms);
}
