import { createHash } from 'node:crypto';
import { ITEM_TIME_FIELDS, type ItemInput, type ItemTimeField } from './item-input.js';
import type { ItemLink, ItemRecordFields } from './item-model.js';
import type { Outcome } from './kpi-item.js';
import { textProblem } from './text.js';
import { parseIsoTime } from './time.js';

export type { ItemLink } from './item-model.js';

/**
 * A work item normalised for storage: its fields (ITEM_FIELDS) in camelCase with epoch-ms times and the
 * defaults applied, and its links.
 */
export interface ItemRecord extends ItemRecordFields {
  links: ItemLink[];
}

export interface FieldError {
  field: string;
  message: string;
}

export type Converted<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/**
 * Deterministic item id, so a replayed batch and a link's later target agree on it. Storable keys hash
 * `source NUL external_id` as UTF-8, as always; any other key hashes a tagged, length-prefixed UTF-16
 * encoding, so no two keys share a preimage.
 */
export function itemId(source: string, externalId: string): string {
  const hash = createHash('sha256');
  if (textProblem(source) === null && textProblem(externalId) === null)
    hash.update(`${source}\u0000${externalId}`);
  else hash.update(unambiguousKeyBytes(source, externalId));
  return 'itm_' + hash.digest('hex').slice(0, 24);
}

/** 0xFF never occurs in UTF-8, so these bytes cannot equal a storable key's; the prefix splits the two. */
function unambiguousKeyBytes(source: string, externalId: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(source.length);
  return Buffer.concat([Buffer.from([0xff]), length, Buffer.from(source + externalId, 'utf16le')]);
}

/**
 * Turn a schema-valid ItemInput into an ItemRecord, reading zone-less times in `timeZone`.
 * Fails with the first field that is wrong: unreadable time, times out of order, a resolved
 * outcome without a resolution time.
 */
export function toItemRecord(input: ItemInput, timeZone: string): Converted<ItemRecord> {
  const times: Partial<Record<ItemTimeField, number | null>> = {};
  for (const field of ITEM_TIME_FIELDS) {
    const text = input[field];
    if (text === undefined || text === null) {
      times[field] = null;
      continue;
    }
    const ms = parseIsoTime(text, timeZone);
    if (ms === null) return fail(field, `not an ISO-8601 time: ${JSON.stringify(text)}`);
    times[field] = ms;
  }
  const openedAt = times.opened_at ?? 0;
  for (const field of ['first_response_at', 'resolved_at', 'closed_at'] as const) {
    const at = times[field];
    if (at !== null && at !== undefined && at < openedAt) return fail(field, 'is before opened_at');
  }
  const resolvedAt = times.resolved_at ?? null;
  const closedAt = times.closed_at ?? null;
  const outcome: Outcome = input.outcome ?? (resolvedAt !== null || closedAt !== null ? 'resolved' : 'open');
  if (outcome === 'resolved' && resolvedAt === null && closedAt === null)
    return fail('resolved_at', "is required when outcome is 'resolved' (or give closed_at)");
  const firstResponseAt = times.first_response_at ?? null;
  const updatedAt =
    times.updated_at ?? Math.max(openedAt, firstResponseAt ?? 0, resolvedAt ?? 0, closedAt ?? 0);
  return {
    ok: true,
    value: {
      source: input.source,
      externalId: input.external_id,
      workflow: input.workflow ?? null,
      category: input.category ?? null,
      priority: input.priority ?? null,
      channel: input.channel ?? null,
      openedAt,
      firstResponseAt,
      resolvedAt,
      closedAt,
      reassignmentCount: input.reassignment_count ?? 0,
      reopenCount: input.reopen_count ?? 0,
      handledBy: input.handled_by,
      outcome,
      confidence: input.confidence ?? null,
      stateChangeVerified: input.state_change_verified ?? null,
      csat: input.csat ?? null,
      slaMet: input.sla_met ?? null,
      attributes: input.attributes ?? null,
      handoffMinutes: input.handoff_minutes ?? null,
      updatedAt,
      links: (input.links ?? []).map((l) => ({ kind: l.kind, source: l.source, externalId: l.external_id })),
    },
  };
}

function fail(field: string, message: string): Converted<never> {
  return { ok: false, error: { field, message } };
}
