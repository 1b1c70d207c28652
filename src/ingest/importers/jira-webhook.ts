import { z } from 'zod';
import { WorkledgerError } from '../../domain/errors.js';
import type { ItemDraft } from '../../domain/item-input.js';
import type { ItemColumns } from '../../domain/item-model.js';
import { describeIssue, issuePath } from '../../services/parse-input.js';
import { fieldOfPath } from '../batch-body.js';
import { readChange, type JiraChangeGroup } from './jira-changelog.js';
import { jiraUserId } from './jira-fields.js';
import { issueItem, type JiraConvertOptions } from './jira-issue.js';
import { JiraComment, JiraIssue, JiraWebhook } from './jira-schema.js';
import { epochMsToIso, jiraTime } from './jira-time.js';

/** A comment of a webhook, as far as first-response detection needs it. */
export interface JiraCommentEvent {
  at: string;
  author: string | null;
  /** False for Jira Service Management internal notes. */
  public: boolean;
}

/**
 * What one webhook means for its item. `upsert` carries the item as this event shows it, with the
 * counters this one change adds (`increments`, also set as the record's counters, right for an item
 * not stored yet): the receiver adds them to the stored counters. `keepClosedAt`: the issue is
 * Closed but this event does not say since when, so the stored closed_at stays. `eventId` names
 * the event, so each one is applied to its item once.
 */
export type JiraWebhookConversion =
  | {
      kind: 'upsert';
      key: string;
      eventId: string;
      record: ItemDraft;
      increments: Pick<ItemColumns, 'reassignment_count' | 'reopen_count'>;
      keepClosedAt: boolean;
      /** The issue's own `updated`: an import of the issue at least this new already counted this change. */
      issueUpdatedAt: string | null;
      comment: JiraCommentEvent | null;
    }
  | { kind: 'delete'; key: string; eventId: string; record: ItemDraft }
  | { kind: 'comment'; key: string; eventId: string; comment: JiraCommentEvent; updatedAt: string }
  | { kind: 'ignore'; reason: string };

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated']);
const IssueKey = z.looseObject({ key: z.string().trim().min(1).max(200) });

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = fieldOfPath(issuePath(issue));
  const whole = path === '(record)';
  const field = prefix === '' ? (whole ? 'body' : path) : whole ? prefix : `${prefix}.${path}`;
  throw new WorkledgerError('VALIDATION', `${field}: ${describeIssue(issue)}`, field);
}

function readComment(raw: unknown): JiraCommentEvent {
  const comment = parseOrThrow(JiraComment, raw, 'comment');
  const at = jiraTime(comment.created);
  if (at === null)
    throw new WorkledgerError(
      'VALIDATION',
      `comment.created: not a Jira time: ${comment.created}`,
      'comment.created',
    );
  return { at, author: jiraUserId(comment.author), public: comment.jsdPublic !== false };
}

/**
 * The identity of one Jira event: the id of its change group (the same change sent again, in the
 * Cloud or the old Server format, has the same one), else its kind, issue and time.
 */
function jiraEventId(hook: JiraWebhook, key: string): string {
  const changeGroup = hook.changelog?.id;
  if (changeGroup !== undefined && changeGroup !== null) return `changelog:${changeGroup}`;
  return `${hook.webhookEvent}:${key}:${hook.timestamp}`;
}

/**
 * Convert one Jira webhook (Cloud or Server, including the old Server format without
 * `issue_event_type_name`). `updated_at` is the webhook's `timestamp`, so a late older webhook
 * changes no field (its counts still add once). Throws VALIDATION naming the field it cannot read.
 */
export function convertJiraWebhook(
  payload: unknown,
  options: JiraConvertOptions = {},
): JiraWebhookConversion {
  const hook = parseOrThrow(JiraWebhook, payload, '');
  const updatedAt = epochMsToIso(hook.timestamp);
  if (updatedAt === null)
    throw new WorkledgerError(
      'VALIDATION',
      `timestamp: not epoch milliseconds: ${hook.timestamp}`,
      'timestamp',
    );
  const event = hook.webhookEvent;
  if (event === 'comment_created') {
    const { key } = parseOrThrow(IssueKey, hook.issue, 'issue');
    return {
      kind: 'comment',
      key,
      eventId: jiraEventId(hook, key),
      comment: readComment(hook.comment),
      updatedAt,
    };
  }
  const deleted = event === 'jira:issue_deleted';
  if (!deleted && !ISSUE_EVENTS.has(event))
    return { kind: 'ignore', reason: `${event} events do not change an item` };
  const issue = parseOrThrow(JiraIssue, hook.issue, 'issue');
  const group: JiraChangeGroup = { at: updatedAt, changes: (hook.changelog?.items ?? []).map(readChange) };
  const converted = issueItem(issue, deleted ? [] : [group], updatedAt, { ...options, deleted });
  if (!converted.ok)
    throw new WorkledgerError(
      'VALIDATION',
      `issue.${converted.field}: ${converted.reason}`,
      `issue.${converted.field}`,
    );
  const eventId = jiraEventId(hook, issue.key);
  if (deleted) return { kind: 'delete', key: issue.key, eventId, record: converted.item };
  const commented = hook.issue_event_type_name === 'issue_commented' && hook.comment !== undefined;
  return {
    kind: 'upsert',
    key: issue.key,
    eventId,
    record: converted.item,
    increments: {
      reassignment_count: converted.counts.reassignments,
      reopen_count: converted.counts.reopens,
    },
    keepClosedAt: converted.closedUnknown,
    issueUpdatedAt: issue.fields.updated ? jiraTime(issue.fields.updated) : null,
    comment: commented ? readComment(hook.comment) : null,
  };
}
