import type { ZendeskAudit, ZendeskAuditEvent } from './zendesk-schema.js';

/** What a ticket's audits say about its life; the counters Zendesk's ticket JSON does not carry. */
export interface AuditSummary {
  /** Time of the audit that created the ticket; null when the audits do not include it. */
  createdAt: string | null;
  channel: string | null;
  status: string | null;
  priority: string | null;
  type: string | null;
  tags: string[] | null;
  requesterId: string | null;
  assigneeId: string | null;
  groupId: string | null;
  reopens: number;
  reassignments: number;
  firstResponseAt: string | null;
  /** The last move to solved, unless a reopen followed it. */
  solvedAt: string | null;
  closedAt: string | null;
  lastAt: string;
}

const DONE = new Set(['solved', 'closed']);
const OPEN = new Set(['new', 'open', 'pending', 'hold']);

/** An id or value of an audit event as text; null for null, '' and non-scalars. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

function timeMs(text: string): number {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function emptySummary(lastAt: string): AuditSummary {
  return {
    createdAt: null,
    channel: null,
    status: null,
    priority: null,
    type: null,
    tags: null,
    requesterId: null,
    assigneeId: null,
    groupId: null,
    reopens: 0,
    reassignments: 0,
    firstResponseAt: null,
    solvedAt: null,
    closedAt: null,
    lastAt,
  };
}

function setField(summary: AuditSummary, event: ZendeskAuditEvent): void {
  const value = idText(event.value);
  switch (event.field_name) {
    case 'status':
      summary.status = value;
      break;
    case 'priority':
      summary.priority = value;
      break;
    case 'type':
      summary.type = value;
      break;
    case 'requester_id':
      summary.requesterId = value;
      break;
    case 'assignee_id':
      summary.assigneeId = value;
      break;
    case 'group_id':
      summary.groupId = value;
      break;
    case 'tags':
      summary.tags = Array.isArray(event.value)
        ? event.value.filter((t) => typeof t === 'string')
        : summary.tags;
      break;
    default:
      break;
  }
}

/**
 * Replay one ticket's audits, oldest first. A reopen is a status change from solved/closed back to
 * new/open/pending/hold; a reassignment is an audit that moves the ticket away from a previous
 * assignee or group (once per audit); the first response is the first public comment by someone
 * other than the requester, after the audit that created the ticket.
 */
export function summariseAudits(audits: readonly ZendeskAudit[]): AuditSummary | null {
  const ordered = [...audits].sort((a, b) => timeMs(a.created_at) - timeMs(b.created_at));
  const last = ordered[ordered.length - 1];
  if (!last) return null;
  const summary = emptySummary(last.created_at);
  ordered.forEach((audit, index) => {
    const creates = audit.events.filter((e) => e.type === 'Create');
    const creation = index === 0 && creates.length > 0;
    if (creation) {
      summary.createdAt = audit.created_at;
      summary.channel = idText(audit.via?.channel);
    }
    for (const event of creates) setField(summary, event);
    let reassigned = false;
    for (const event of audit.events) {
      if (event.type === 'Change') {
        const before = idText(event.previous_value);
        if (event.field_name === 'status') {
          const after = idText(event.value);
          if (before !== null && DONE.has(before) && after !== null && OPEN.has(after)) {
            summary.reopens += 1;
            summary.solvedAt = null;
          }
          if (after === 'solved') summary.solvedAt = audit.created_at;
          if (after === 'closed') summary.closedAt = audit.created_at;
        }
        if ((event.field_name === 'assignee_id' || event.field_name === 'group_id') && before !== null)
          reassigned = true;
        setField(summary, event);
      }
      const author = idText(event.author_id);
      if (
        event.type === 'Comment' &&
        !creation &&
        event.public === true &&
        author !== null &&
        author !== summary.requesterId &&
        summary.firstResponseAt === null
      )
        summary.firstResponseAt = audit.created_at;
    }
    if (reassigned) summary.reassignments += 1;
  });
  return summary;
}
