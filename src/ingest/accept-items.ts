import { ItemInput } from '../domain/item-input.js';
import { toItemRecord, type ItemRecord } from '../domain/item-record.js';
import type { Ctx } from '../services/context.js';
import { requirePermission } from '../services/context.js';
import { ingestItems, type IngestItemsResult } from '../services/ingest-items.js';
import { describeIssue, issuePath } from '../services/parse-input.js';
import { getTenantSettings } from '../services/tenant-settings.js';
import { fieldOfPath, readBatchBody, type RecordError } from './batch-body.js';

export interface AcceptResult extends IngestItemsResult {
  accepted: number;
  errors: RecordError[];
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
    const parsed = ItemInput.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ index, field: fieldOfPath(issuePath(issue)), message: describeIssue(issue) });
      return;
    }
    const converted = toItemRecord(parsed.data, tenant.time_zone);
    if (!converted.ok) errors.push({ index, ...converted.error });
    else records.push(converted.value);
  });
  const result = await ingestItems({ ctx, input: { records } });
  errors.sort((a, b) => a.index - b.index);
  return { ...result, accepted: records.length, errors };
}

/** POST /v1/items body (JSON or NDJSON text) to stored items. */
export async function acceptItemsBody(ctx: Ctx, text: string, contentType: string): Promise<AcceptResult> {
  const { records, errors } = readBatchBody(text, contentType, 'items');
  return acceptItemRecords(ctx, records, errors);
}
