import { WorkledgerError } from '../domain/errors.js';
import { ItemInput } from '../domain/item-input.js';
import type { ItemColumns } from '../domain/item-model.js';
import { toItemRecord, type Converted, type ItemRecord } from '../domain/item-record.js';
import { parseIsoTime } from '../domain/time.js';
import type { Ctx } from '../services/context.js';
import { requirePermission } from '../services/context.js';
import { ingestItemEvent, type ItemEventResult } from '../services/ingest/ingest-item-event.js';
import { ingestItems, type IngestItemsResult } from '../services/ingest/ingest-items.js';
import { describeIssue, issuePath } from '../services/parse-input.js';
import { getTenantSettings } from '../services/config/tenant-settings.js';
import { fieldOfPath, readBatchBody, type RecordError } from './batch-body.js';

export interface AcceptResult extends IngestItemsResult {
  accepted: number;
  errors: RecordError[];
}

/** One raw record as an ItemRecord, or the first field that is wrong. */
function toRecord(value: unknown, timeZone: string): Converted<ItemRecord> {
  const parsed = ItemInput.safeParse(value);
  if (parsed.success) return toItemRecord(parsed.data, timeZone);
  const issue = parsed.error.issues[0];
  return { ok: false, error: { field: fieldOfPath(issuePath(issue)), message: describeIssue(issue) } };
}

/** Convert raw item records (any adapter) to ItemRecords, reporting each bad one, and ingest the rest. */
export async function acceptItemRecords(
  ctx: Ctx,
  raw: readonly unknown[],
  known: RecordError[] = [],
): Promise<AcceptResult> {
  requirePermission(ctx, 'ingest');
  const tenant = await getTenantSettings(ctx);
  const errors = [...known];
  const bad = new Set(known.map((e) => e.index));
  const records: ItemRecord[] = [];
  raw.forEach((value, index) => {
    if (bad.has(index)) return;
    const converted = toRecord(value, tenant.time_zone);
    if (!converted.ok) errors.push({ index, ...converted.error });
    else records.push(converted.value);
  });
  const result = await ingestItems({ ctx, input: { records } });
  errors.sort((a, b) => a.index - b.index);
  return { ...result, accepted: records.length, errors };
}

/** A source event as an adapter reads it: its id, when the source says it changed, the counts it adds. */
export interface ItemEventDraft extends Pick<ItemColumns, 'reassignment_count' | 'reopen_count'> {
  id: string;
  /** ISO-8601; without a zone it is read in the tenant's zone, like the item's times. */
  changed_at: string | null;
}

/** Convert one raw item record and the event it comes from, and apply the event (once) to the item. */
export async function acceptItemEvent(
  ctx: Ctx,
  raw: unknown,
  event: ItemEventDraft,
): Promise<ItemEventResult> {
  requirePermission(ctx, 'ingest');
  const tenant = await getTenantSettings(ctx);
  const converted = toRecord(raw, tenant.time_zone);
  if (!converted.ok) {
    const { field, message } = converted.error;
    throw new WorkledgerError('VALIDATION', `${field}: ${message}`, field);
  }
  return ingestItemEvent({
    ctx,
    input: {
      record: converted.value,
      event: {
        id: event.id,
        changedAt: event.changed_at === null ? null : parseIsoTime(event.changed_at, tenant.time_zone),
        reassignments: event.reassignment_count,
        reopens: event.reopen_count,
      },
    },
  });
}

/** POST /v1/items body (JSON or NDJSON text) to stored items. */
export async function acceptItemsBody(ctx: Ctx, text: string, contentType: string): Promise<AcceptResult> {
  const { records, errors } = readBatchBody(text, contentType, 'items');
  return acceptItemRecords(ctx, records, errors);
}
