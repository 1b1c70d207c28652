import { CostInput } from '../domain/item-input.js';
import { toCostRecord, type CostRecord } from '../domain/cost-record.js';
import { requirePermission, type Ctx } from '../services/context.js';
import { ingestCosts } from '../services/ingest/ingest-costs.js';
import { describeIssue, issuePath } from '../services/parse-input.js';
import { getTenantSettings } from '../services/config/tenant-settings.js';
import { fieldOfPath, readBatchBody, type RecordError } from './batch-body.js';

export interface AcceptCostsResult {
  accepted: number;
  created: number;
  unchanged: number;
  errors: RecordError[];
}

/** Convert raw cost records, report each bad one, and store the rest. */
export async function acceptCostRecords(
  ctx: Ctx,
  raw: readonly unknown[],
  known: RecordError[] = [],
): Promise<AcceptCostsResult> {
  requirePermission(ctx, 'ingest');
  const tenant = await getTenantSettings(ctx);
  const errors = [...known];
  const bad = new Set(known.map((e) => e.index));
  const records: CostRecord[] = [];
  const indexOf: number[] = [];
  raw.forEach((value, index) => {
    if (bad.has(index)) return;
    const parsed = CostInput.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ index, field: fieldOfPath(issuePath(issue)), message: describeIssue(issue) });
      return;
    }
    const converted = toCostRecord(parsed.data, tenant.time_zone);
    if (!converted.ok) {
      errors.push({ index, ...converted.error });
      return;
    }
    records.push(converted.value);
    indexOf.push(index);
  });
  const result = await ingestCosts({ ctx, input: { records } });
  for (const r of result.rejected)
    errors.push({ index: indexOf[r.position] ?? -1, field: r.field, message: r.message });
  errors.sort((a, b) => a.index - b.index);
  return {
    accepted: records.length - result.rejected.length,
    created: result.created,
    unchanged: result.unchanged,
    errors,
  };
}

/** POST /v1/costs body to stored costs. */
export async function acceptCostsBody(
  ctx: Ctx,
  text: string,
  contentType: string,
): Promise<AcceptCostsResult> {
  const { records, errors } = readBatchBody(text, contentType, 'costs');
  return acceptCostRecords(ctx, records, errors);
}
