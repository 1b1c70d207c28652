import type { ItemDraft } from '../../domain/item-input.js';
import { epochMsToIsoOrNull } from '../../domain/time.js';
import { idText, type AuditSummary } from './zendesk-audits.js';
import type { ZendeskMetrics, ZendeskTicket } from './zendesk-schema.js';

export interface ZendeskConvertOptions {
  /** The workflow of every imported item; default 'it-helpdesk'. */
  workflow?: string;
  /** Take the category from the first tag with this prefix (`cat_` + `cat_vpn` → `vpn`) before the type. */
  categoryTagPrefix?: string;
}

export type TicketConversion = { ok: true; item: ItemDraft } | { ok: false; field: string; reason: string };

const PRIORITY = new Map([
  ['urgent', 1],
  ['high', 2],
  ['normal', 3],
  ['low', 4],
]);
// Zendesk CSAT is binary; good/bad map to the ends of the 1..5 scale, so csat_mean is 1 + 4 × good share.
const CSAT = new Map([
  ['good', 5],
  ['good_with_comment', 5],
  ['bad', 1],
  ['bad_with_comment', 1],
]);

function category(ticket: ZendeskTicket, prefix: string | undefined): string | null {
  if (prefix) {
    const tag = ticket.tags?.find((t) => t.startsWith(prefix) && t.length > prefix.length);
    if (tag) return tag.slice(prefix.length);
  }
  return ticket.type ?? null;
}

/** The first reply from the reply-time metric; undefined when the metric puts it beyond the accepted times. */
function firstReply(ticket: ZendeskTicket, metrics: ZendeskMetrics | null): string | null | undefined {
  const seconds =
    metrics?.reply_time_in_seconds?.calendar ??
    (typeof metrics?.reply_time_in_minutes?.calendar === 'number'
      ? metrics.reply_time_in_minutes.calendar * 60
      : null);
  const opened = Date.parse(ticket.created_at);
  return seconds === null || seconds === undefined || Number.isNaN(opened)
    ? null
    : (epochMsToIsoOrNull(opened + seconds * 1000) ?? undefined);
}

function reassignments(metrics: ZendeskMetrics | null, audits: AuditSummary | null): number | undefined {
  const stations = [metrics?.assignee_stations, metrics?.group_stations].filter((n) => typeof n === 'number');
  if (stations.length > 0) return Math.max(0, ...stations.map((n) => n - 1));
  return audits?.reassignments;
}

/** When it last changed; undefined when `generated_timestamp` is beyond the accepted times. */
function updatedAt(ticket: ZendeskTicket): string | undefined {
  if (ticket.updated_at) return ticket.updated_at;
  if (typeof ticket.generated_timestamp === 'number')
    return epochMsToIsoOrNull(ticket.generated_timestamp * 1000) ?? undefined;
  return ticket.created_at;
}

/** When it was solved, and where that came from; null while it is not solved or closed. */
function resolution(
  ticket: ZendeskTicket,
  metrics: ZendeskMetrics | null,
  audits: AuditSummary | null,
  updated: string,
): { at: string; from: string } | null {
  if (ticket.status === 'deleted') return audits?.solvedAt ? { at: audits.solvedAt, from: 'audits' } : null;
  if (ticket.status !== 'solved' && ticket.status !== 'closed') return null;
  if (metrics?.solved_at) return { at: metrics.solved_at, from: 'metrics' };
  if (audits?.solvedAt) return { at: audits.solvedAt, from: 'audits' };
  return { at: updated, from: 'updated_at' };
}

/**
 * One Zendesk ticket as a human-handled item, with its metrics and audit summary when present.
 * Ids stay text; an id JSON.parse could not keep exact (above 2^53) rejects the ticket.
 */
export function ticketItem(
  ticket: ZendeskTicket,
  metrics: ZendeskMetrics | null,
  audits: AuditSummary | null,
  options: ZendeskConvertOptions,
): TicketConversion {
  const id = idText(ticket.id);
  if (id === null)
    return {
      ok: false,
      field: 'id',
      reason: 'above 2^53: JSON.parse lost its exact value; read ids as text',
    };
  const reply = firstReply(ticket, metrics);
  const updated = updatedAt(ticket);
  if (reply === undefined || updated === undefined)
    return {
      ok: false,
      field: reply === undefined ? 'first_response_at' : 'updated_at',
      reason: 'the metric or timestamp it comes from is outside 1970-01-01 … 2199-12-31',
    };
  const resolved = resolution(ticket, metrics, audits, updated);
  const deleted = ticket.status === 'deleted';
  const csat = ticket.satisfaction_rating?.score ? CSAT.get(ticket.satisfaction_rating.score) : undefined;
  const attributes: Record<string, unknown> = {
    status: ticket.status,
    type: ticket.type ?? null,
    priority_name: ticket.priority ?? null,
    tags: ticket.tags?.length ? ticket.tags : null,
    requester_id: idText(ticket.requester_id),
    assignee_id: idText(ticket.assignee_id),
    group_id: idText(ticket.group_id),
    organization_id: idText(ticket.organization_id),
    zendesk_external_id: ticket.external_id ?? null,
    resolved_at_from: resolved?.from ?? null,
    deleted: deleted ? true : null,
  };
  const item: ItemDraft = {
    source: 'zendesk',
    external_id: id,
    workflow: options.workflow ?? 'it-helpdesk',
    category: category(ticket, options.categoryTagPrefix),
    priority: ticket.priority ? (PRIORITY.get(ticket.priority) ?? null) : null,
    channel: idText(ticket.via?.channel),
    opened_at: ticket.created_at,
    first_response_at: reply ?? audits?.firstResponseAt ?? null,
    resolved_at: resolved?.at ?? null,
    closed_at: ticket.status === 'closed' ? (audits?.closedAt ?? updated) : null,
    reassignment_count: reassignments(metrics, audits),
    reopen_count: metrics?.reopens ?? audits?.reopens,
    handled_by: 'human',
    outcome: resolved ? 'resolved' : deleted ? 'abandoned' : 'open',
    csat: csat ?? null,
    updated_at: updated,
    attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null)),
  };
  return { ok: true, item };
}

/** A ticket rebuilt from its audits alone, when they include the audit that created it. */
export function ticketFromAudits(ticketId: string, audits: AuditSummary): ZendeskTicket | null {
  if (audits.createdAt === null) return null;
  return {
    id: ticketId,
    created_at: audits.createdAt,
    updated_at: audits.lastAt,
    status: audits.status ?? 'new',
    type: audits.type,
    priority: audits.priority,
    via: { channel: audits.channel },
    tags: audits.tags,
    requester_id: audits.requesterId,
    assignee_id: audits.assigneeId,
    group_id: audits.groupId,
  };
}
