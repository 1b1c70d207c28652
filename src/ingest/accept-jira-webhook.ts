import { isWorkledgerError } from '../domain/errors.js';
import { ItemViewFields, type ItemDraft } from '../domain/item-input.js';
import { LINK_KINDS, parseOutcome } from '../domain/kpi-item.js';
import { requirePermission, type Ctx, type Verb } from '../services/context.js';
import { getItem } from '../services/kpis/read-items.js';
import { withTenantLock } from '../services/config/tenant-lock.js';
import { acceptItemEvent, type ItemEventDraft } from './accept-items.js';
import {
  convertJiraWebhook,
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

/** The stored item as a writer would send it again: the fields its view shows, and its links. */
function storedDraft(stored: StoredItem): ItemDraft {
  // parsing keeps the view's item fields only (not its id, cost, verification, costs or audit entries)
  const fields = ItemViewFields.parse(stored);
  return {
    ...fields,
    outcome: parseOutcome(fields.outcome),
    attributes: fields.attributes ?? undefined,
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

const NO_COUNTS = { reassignment_count: 0, reopen_count: 0 };

const UNCHANGED_REASONS = {
  replayed: 'this event was applied already',
  recounted: 'the stored version, written by an import at or after this change, already counts it',
  older: 'a newer version is stored and this event adds no reassignment or reopen',
} as const;

async function ingestOne(
  ctx: Ctx,
  key: string,
  record: ItemDraft,
  event: ItemEventDraft,
): Promise<JiraWebhookResult> {
  const result = await acceptItemEvent(ctx, record, event);
  switch (result.action) {
    case 'created':
    case 'updated':
      return result.countersOnly
        ? {
            action: 'updated',
            key,
            reason: 'older than the stored version: its counts were added, not its fields',
          }
        : { action: result.action, key };
    case 'unchanged':
      return { action: 'unchanged', key, reason: UNCHANGED_REASONS[result.why] };
    default: {
      const unreachable: never = result;
      throw new Error(`unknown result ${String(unreachable)}`);
    }
  }
}

async function apply(ctx: Ctx, conversion: JiraWebhookConversion): Promise<JiraWebhookResult> {
  if (conversion.kind === 'ignore') return { action: 'ignored', reason: conversion.reason };
  const { key, eventId } = conversion;
  const stored = await findStored(ctx, key);
  switch (conversion.kind) {
    case 'upsert': {
      const { record, increments, issueUpdatedAt } = conversion;
      // The ingestion core adds the increments to the stored counters, once per event.
      return ingestOne(
        ctx,
        key,
        {
          ...record,
          first_response_at:
            record.first_response_at ??
            stored?.first_response_at ??
            responseAt(conversion.comment, reporterOf(record.attributes)),
          closed_at: record.closed_at ?? (conversion.keepClosedAt ? (stored?.closed_at ?? null) : null),
          links: stored ? storedLinks(stored) : undefined,
        },
        { id: eventId, changed_at: issueUpdatedAt, ...increments },
      );
    }
    case 'delete':
      if (!stored)
        return { action: 'ignored', key, reason: 'the issue was deleted before Workledger saw it' };
      return ingestOne(
        ctx,
        key,
        {
          ...conversion.record,
          first_response_at: conversion.record.first_response_at ?? stored.first_response_at,
          closed_at: conversion.record.closed_at ?? stored.closed_at,
          links: storedLinks(stored),
        },
        { id: eventId, changed_at: null, ...NO_COUNTS },
      );
    case 'comment': {
      if (!stored) return { action: 'ignored', key, reason: 'no item for this issue yet' };
      if (stored.first_response_at !== null)
        return { action: 'ignored', key, reason: 'the first response is already recorded' };
      const at = responseAt(conversion.comment, reporterOf(stored.attributes));
      if (at === null)
        return { action: 'ignored', key, reason: 'a comment by the reporter or an internal note' };
      return ingestOne(
        ctx,
        key,
        { ...storedDraft(stored), first_response_at: at, updated_at: conversion.updatedAt },
        { id: eventId, changed_at: null, ...NO_COUNTS },
      );
    }
    default: {
      const unreachable: never = conversion;
      throw new Error(`unknown conversion ${String(unreachable)}`);
    }
  }
}

/**
 * Keep a Jira item current from one webhook (Cloud or Server; its parsed JSON payload), in the workflow
 * given or the default: under the tenant's write lock, read the stored item and apply the event, whose
 * reassignments and reopens count once in any order (its fields only if newest). VALIDATION names the
 * payload field it cannot read.
 */
export async function acceptJiraWebhook({
  ctx,
  input,
}: Verb<{ payload: unknown; workflow?: string }>): Promise<JiraWebhookResult> {
  requirePermission(ctx, 'ingest');
  const options: JiraConvertOptions = input.workflow ? { workflow: input.workflow } : {};
  const conversion = convertJiraWebhook(input.payload, options);
  return withTenantLock(ctx, (locked) => apply(locked, conversion));
}
