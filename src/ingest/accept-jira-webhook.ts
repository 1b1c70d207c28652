import { WorkledgerError, isWorkledgerError } from '../domain/errors.js';
import { LINK_KINDS, parseOutcome } from '../domain/kpi-item.js';
import type { Ctx } from '../services/context.js';
import { getItem } from '../services/read-items.js';
import { withTenantLock } from '../services/tenant-lock.js';
import { acceptItemRecords } from './accept-items.js';
import {
  convertJiraWebhook,
  type ItemDraft,
  type JiraCommentEvent,
  type JiraConvertOptions,
  type JiraWebhookConversion,
} from './importers/jira.js';

export type JiraWebhookAction = 'created' | 'updated' | 'unchanged' | 'ignored';

export interface JiraWebhookResult {
  action: JiraWebhookAction;
  key?: string;
  reason?: string;
}

type StoredItem = Awaited<ReturnType<typeof getItem>>;

async function findStored(ctx: Ctx, key: string): Promise<StoredItem | null> {
  try {
    return await getItem({ ctx, input: { source: 'jira', externalId: key } });
  } catch (error) {
    if (isWorkledgerError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

function storedLinks(stored: StoredItem): NonNullable<ItemDraft['links']> {
  return stored.links.flatMap((l) => {
    const kind = LINK_KINDS.find((k) => k === l.kind);
    return kind ? [{ kind, source: l.source, external_id: l.external_id }] : [];
  });
}

/** The stored item as a writer would send it again. */
function storedDraft(stored: StoredItem): ItemDraft {
  return {
    source: stored.source,
    external_id: stored.external_id,
    workflow: stored.workflow,
    category: stored.category,
    priority: stored.priority,
    channel: stored.channel,
    opened_at: stored.opened_at,
    first_response_at: stored.first_response_at,
    resolved_at: stored.resolved_at,
    closed_at: stored.closed_at,
    reassignment_count: stored.reassignment_count,
    reopen_count: stored.reopen_count,
    handled_by: stored.handled_by,
    outcome: parseOutcome(stored.outcome),
    confidence: stored.confidence,
    state_change_verified: stored.state_change_verified,
    csat: stored.csat,
    sla_met: stored.sla_met,
    updated_at: stored.updated_at,
    attributes: stored.attributes ?? undefined,
    links: storedLinks(stored),
  };
}

function reporterOf(attributes: Record<string, unknown> | null | undefined): string | null {
  const reporter = attributes?.reporter;
  return typeof reporter === 'string' ? reporter : null;
}

/** The comment's time if it answers the reporter: public, and written by someone else. */
function responseAt(comment: JiraCommentEvent | null, reporter: string | null): string | null {
  if (!comment?.public || comment.author === null || comment.author === reporter) return null;
  return comment.at;
}

async function ingestOne(ctx: Ctx, key: string, record: ItemDraft): Promise<JiraWebhookResult> {
  const result = await acceptItemRecords(ctx, [record]);
  const error = result.errors[0];
  if (error) throw new WorkledgerError('VALIDATION', `${error.field}: ${error.message}`, error.field);
  return { action: result.created ? 'created' : result.updated ? 'updated' : 'unchanged', key };
}

async function apply(ctx: Ctx, conversion: JiraWebhookConversion): Promise<JiraWebhookResult> {
  if (conversion.kind === 'ignore') return { action: 'ignored', reason: conversion.reason };
  const { key } = conversion;
  const stored = await findStored(ctx, key);
  switch (conversion.kind) {
    case 'upsert': {
      const { record, increments, issueUpdatedAt } = conversion;
      // A stored version at least as new as the issue this event shows already counted its change.
      if (stored && issueUpdatedAt !== null && Date.parse(stored.updated_at) >= Date.parse(issueUpdatedAt))
        return { action: 'unchanged', key, reason: 'the stored item already holds this change' };
      return ingestOne(ctx, key, {
        ...record,
        reassignment_count: (stored?.reassignment_count ?? 0) + increments.reassignment_count,
        reopen_count: (stored?.reopen_count ?? 0) + increments.reopen_count,
        first_response_at:
          record.first_response_at ??
          stored?.first_response_at ??
          responseAt(conversion.comment, reporterOf(record.attributes)),
        closed_at: record.closed_at ?? (conversion.keepClosedAt ? (stored?.closed_at ?? null) : null),
        links: stored ? storedLinks(stored) : undefined,
      });
    }
    case 'delete':
      if (!stored)
        return { action: 'ignored', key, reason: 'the issue was deleted before Workledger saw it' };
      return ingestOne(ctx, key, {
        ...conversion.record,
        reassignment_count: stored.reassignment_count,
        reopen_count: stored.reopen_count,
        first_response_at: conversion.record.first_response_at ?? stored.first_response_at,
        closed_at: conversion.record.closed_at ?? stored.closed_at,
        links: storedLinks(stored),
      });
    case 'comment': {
      if (!stored) return { action: 'ignored', key, reason: 'no item for this issue yet' };
      if (stored.first_response_at !== null)
        return { action: 'ignored', key, reason: 'the first response is already recorded' };
      const at = responseAt(conversion.comment, reporterOf(stored.attributes));
      if (at === null)
        return { action: 'ignored', key, reason: 'a comment by the reporter or an internal note' };
      return ingestOne(ctx, key, {
        ...storedDraft(stored),
        first_response_at: at,
        updated_at: conversion.updatedAt,
      });
    }
    default: {
      const unreachable: never = conversion;
      throw new Error(`unknown conversion ${String(unreachable)}`);
    }
  }
}

/**
 * Keep a Jira item current from one webhook: read the stored item, add this change's reassignments
 * and reopens to its counters, and ingest the result through the one ingestion core, all in one
 * transaction that holds the tenant's write lock from before the read, so concurrent webhooks of one
 * issue each add their change. Replays and late older webhooks change nothing (newest `updated_at` wins).
 */
export async function acceptJiraWebhook(
  ctx: Ctx,
  payload: unknown,
  options: JiraConvertOptions = {},
): Promise<JiraWebhookResult> {
  const conversion = convertJiraWebhook(payload, options);
  return withTenantLock(ctx, (locked) => apply(locked, conversion));
}
