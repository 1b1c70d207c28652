import { JiraSla, JsmRequestType, type JiraComment, type JiraFields, type JiraUser } from './jira-schema.js';
import { epochMsToIso, jiraTime } from './jira-time.js';

// Jira's default scheme (Highest..Lowest) and the older one (Blocker..Trivial), both five levels.
const PRIORITY_BY_NAME = new Map<string, number>([
  ['highest', 1],
  ['blocker', 1],
  ['high', 2],
  ['critical', 2],
  ['medium', 3],
  ['major', 3],
  ['low', 4],
  ['minor', 4],
  ['lowest', 5],
  ['trivial', 5],
]);

/** Jira priority name to 1..5 (Highest 1 … Lowest 5; Blocker 1 … Trivial 5; `P2`/`2 - High` by number). */
export function jiraPriority(name: string | null | undefined): number | null {
  if (!name) return null;
  const text = name.trim().toLowerCase();
  const known = PRIORITY_BY_NAME.get(text);
  if (known !== undefined) return known;
  const numbered = /^p?([1-5])(?!\d)/.exec(text);
  return numbered?.[1] ? Number(numbered[1]) : null;
}

/** A user's stable id: Cloud accountId, else Server key, else name. */
export function jiraUserId(user: JiraUser | null | undefined): string | null {
  return user?.accountId ?? user?.key ?? user?.name ?? null;
}

/** The JSM Customer Request Type of an issue, if a field carries one. */
export function requestTypeName(fields: JiraFields): string | null {
  for (const value of Object.values(fields)) {
    if (typeof value !== 'object' || value === null || !('requestType' in value)) continue;
    const parsed = JsmRequestType.safeParse(value);
    if (parsed.success) return parsed.data.requestType.name;
  }
  return null;
}

/** Category: JSM request type, else the first component, else the issue type. */
export function jiraCategory(fields: JiraFields): string | null {
  const name = requestTypeName(fields) ?? fields.components?.[0]?.name ?? fields.issuetype?.name ?? null;
  return name === null || name.trim() === '' ? null : name.trim();
}

/** Every JSM SLA field of an issue (recognised by its `completedCycles`/`ongoingCycle`). */
export function jiraSlas(fields: JiraFields): JiraSla[] {
  const slas: JiraSla[] = [];
  for (const value of Object.values(fields)) {
    if (typeof value !== 'object' || value === null) continue;
    if (!('completedCycles' in value) && !('ongoingCycle' in value)) continue;
    const parsed = JiraSla.safeParse(value);
    if (parsed.success) slas.push(parsed.data);
  }
  return slas;
}

/**
 * What the SLA cycles say: false if any cycle (completed or ongoing) breached; true if every SLA
 * has finished its cycles without a breach; null with no SLA, or while a cycle is still running.
 */
export function jiraSlaMet(slas: readonly JiraSla[]): boolean | null {
  const cycles = slas.flatMap((s) => [
    ...(s.completedCycles ?? []),
    ...(s.ongoingCycle ? [s.ongoingCycle] : []),
  ]);
  if (cycles.some((c) => c.breached === true)) return false;
  if (slas.some((s) => s.ongoingCycle)) return null;
  return cycles.length > 0 ? true : null;
}

/** Stop time of the first completed cycle of the "Time to first response" SLA, as UTC ISO. */
export function slaFirstResponse(slas: readonly JiraSla[]): string | null {
  const sla = slas.find((s) => /first response/i.test(s.name ?? ''));
  const stop = sla?.completedCycles?.[0]?.stopTime;
  if (!stop) return null;
  if (typeof stop.epochMillis === 'number') return epochMsToIso(stop.epochMillis);
  return stop.iso8601 ? jiraTime(stop.iso8601) : null;
}

/** A comment that counts as a response: by someone other than the reporter, and not a JSM internal note. */
export function isResponse(comment: JiraComment, reporter: string | null): boolean {
  const author = jiraUserId(comment.author);
  return comment.jsdPublic !== false && author !== null && author !== reporter;
}

/** The earliest responding comment's time among the comments, as UTC ISO. */
export function commentFirstResponse(fields: JiraFields): string | null {
  const reporter = jiraUserId(fields.reporter);
  let first: { at: string; ms: number } | null = null;
  for (const comment of fields.comment?.comments ?? []) {
    if (!isResponse(comment, reporter)) continue;
    const at = jiraTime(comment.created);
    const ms = at === null ? NaN : Date.parse(at);
    if (at !== null && !Number.isNaN(ms) && (first === null || ms < first.ms)) first = { at, ms };
  }
  return first?.at ?? null;
}
