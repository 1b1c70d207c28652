import { z } from 'zod';
import { StoredText } from '../../domain/text.js';
import { getImportWatermarkRow, saveImportWatermarkRow } from '../../store/queries/import-watermarks.js';
import { reader, requirePermission, withTransaction, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { parseInput } from '../parse-input.js';

/** Which watermark: the item source and the endpoint it is pulled from. */
const WatermarkKey = z.strictObject({
  source: StoredText.trim().min(1).max(200),
  instance: StoredText.trim().min(1).max(2000),
});
export type WatermarkKey = z.infer<typeof WatermarkKey>;

/** A watermark to store: the raw `sys_updated_on` text the next pull starts from. */
export const SaveWatermarkInput = WatermarkKey.extend({ watermark: StoredText.trim().min(1).max(64) });
export type SaveWatermarkInput = z.infer<typeof SaveWatermarkInput>;

/** Where a live import of one source instance resumes. */
export interface ImportWatermark {
  source: string;
  instance: string;
  watermark: string;
  updated_at: string;
}

/** The tenant's watermark for one source instance, or null before its first pull. */
export async function getImportWatermark({
  ctx,
  input,
}: Verb<WatermarkKey>): Promise<ImportWatermark | null> {
  requirePermission(ctx, 'ingest');
  const key = parseInput(WatermarkKey, input);
  const row = await getImportWatermarkRow(reader(ctx), ctx.tenantId, key.source, key.instance);
  return row ? view(row) : null;
}

/** Record how far a live import got, with an audit entry of the previous and new watermark. */
export async function saveImportWatermark({
  ctx,
  input,
}: Verb<SaveWatermarkInput>): Promise<ImportWatermark> {
  requirePermission(ctx, 'ingest');
  const parsed = parseInput(SaveWatermarkInput, input);
  return withTransaction(ctx, async (tx) => {
    const before = await getImportWatermarkRow(tx, ctx.tenantId, parsed.source, parsed.instance);
    const row = { tenant_id: ctx.tenantId, ...parsed, updated_at: ctx.now() };
    await saveImportWatermarkRow(tx, row);
    const after = view(row);
    await emitAudit(tx, ctx, {
      action: 'import.watermark',
      subject: `import:${parsed.source}:${parsed.instance}`,
      detail: { before: before ? view(before) : null, after },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'import_watermark', [parsed.source, parsed.instance])],
    });
    return after;
  });
}

function view(row: {
  source: string;
  instance: string;
  watermark: string;
  updated_at: number;
}): ImportWatermark {
  return {
    source: row.source,
    instance: row.instance,
    watermark: row.watermark,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}
