/** One changelog item as the converter reads it: field key (lower-case) and before/after values. */
export interface JiraChange {
  field: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One change group (a changelog history, or the changelog of one webhook) and when it happened. */
export interface JiraChangeGroup {
  at: string | null;
  changes: readonly JiraChange[];
}

/** Status names that mean the work is finished; a transition out of one of them is a reopen. */
export const DEFAULT_DONE_STATUSES: readonly string[] = [
  'done',
  'resolved',
  'closed',
  'complete',
  'completed',
  'cancelled',
  'canceled',
  "won't do",
  "won't fix",
  'declined',
  'rejected',
  'duplicate',
];

const CLOSED_STATUS = 'closed';

/** The set of done status names, lower-case: the defaults plus the caller's own. */
export function doneStatusSet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...DEFAULT_DONE_STATUSES, ...extra].map((s) => s.trim().toLowerCase()));
}

/** Whether a status name is one of the done names (case-insensitive). */
export function isDoneStatus(name: string | null, done: ReadonlySet<string>): boolean {
  return name !== null && done.has(name.trim().toLowerCase());
}

/** Whether a status name is Closed (case-insensitive). */
export function isClosedStatus(name: string | null): boolean {
  return name !== null && name.trim().toLowerCase() === CLOSED_STATUS;
}

// Own properties only: a changelog item may lack `toString`, and the prototype's must not be read.
function own(raw: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(raw, key) ? raw[key] : undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Read one raw changelog item (Cloud: `fieldId`; Server: `field` only; custom fields never match). */
export function readChange(raw: Record<string, unknown>): JiraChange {
  const custom = own(raw, 'fieldtype') === 'custom';
  const key = text(own(raw, 'fieldId')) ?? text(own(raw, 'field')) ?? '';
  return {
    field: custom ? `custom:${key}` : key.toLowerCase(),
    from: text(own(raw, 'from')) ?? text(own(raw, 'tmpFromAccountId')),
    fromString: text(own(raw, 'fromString')),
    to: text(own(raw, 'to')) ?? text(own(raw, 'tmpToAccountId')),
    toString: text(own(raw, 'toString')),
  };
}

/**
 * Reassignments and reopens of change groups. A reassignment is an assignee change away from a
 * previous assignee (so the first assignment never counts, and an unassignment does). A group is
 * one reopen when it moves the status from a done status to one that is not done, or clears the
 * resolution.
 */
export function countChanges(
  groups: readonly JiraChangeGroup[],
  done: ReadonlySet<string>,
): { reassignments: number; reopens: number } {
  let reassignments = 0;
  let reopens = 0;
  for (const group of groups) {
    let reopened = false;
    for (const change of group.changes) {
      if (change.field === 'assignee' && (change.from !== null || change.fromString !== null))
        reassignments += 1;
      if (
        change.field === 'status' &&
        isDoneStatus(change.fromString, done) &&
        !isDoneStatus(change.toString, done)
      )
        reopened = true;
      if (
        change.field === 'resolution' &&
        (change.from !== null || change.fromString !== null) &&
        change.to === null &&
        change.toString === null
      )
        reopened = true;
    }
    if (reopened) reopens += 1;
  }
  return { reassignments, reopens };
}

/** When the status last moved to Closed, if it is Closed now; null when the groups do not say. */
export function closedAt(groups: readonly JiraChangeGroup[], currentStatus: string | null): string | null {
  if (!isClosedStatus(currentStatus)) return null;
  let at: string | null = null;
  for (const group of groups) {
    if (group.at === null || !group.changes.some((c) => c.field === 'status' && isClosedStatus(c.toString)))
      continue;
    if (at === null || Date.parse(group.at) > Date.parse(at)) at = group.at;
  }
  return at;
}
