import { ItemInput } from '../../src/domain/item-input.js';
import { itemId, toItemRecord, type ItemRecord } from '../../src/domain/item-record.js';
import { toRow } from '../../src/services/ingest/ingest-items.js';
import type { ItemLinkRow, ItemRow } from '../../src/store/queries/items-write.js';

/** Raw records as POST /v1/items converts them (schema, then toItemRecord), newest version per key. */
export function newestRecords(raw: readonly unknown[], timeZone: string): Map<string, ItemRecord> {
  const latest = new Map<string, ItemRecord>();
  for (const value of raw) {
    const converted = toItemRecord(ItemInput.parse(value), timeZone);
    if (!converted.ok) throw new Error(`${converted.error.field}: ${converted.error.message}`);
    const record = converted.value;
    const id = itemId(record.source, record.externalId);
    const seen = latest.get(id);
    if (!seen || record.updatedAt >= seen.updatedAt) latest.set(id, record);
  }
  return latest;
}

/**
 * The rows the ingestion core writes for these records over what is stored (its own `toRow`; a stored
 * row as new or newer is kept), by id, and their links.
 */
export function rowsToWrite(
  tenantId: string,
  latest: ReadonlyMap<string, ItemRecord>,
  stored: ReadonlyMap<string, ItemRow>,
  now: number,
  durabilityWindowMs: number,
): { rows: Map<string, ItemRow>; links: ItemLinkRow[] } {
  const rows = new Map<string, ItemRow>();
  const links: ItemLinkRow[] = [];
  for (const [id, record] of latest) {
    const before = stored.get(id);
    if (before && before.updated_at >= record.updatedAt) continue;
    rows.set(id, toRow(tenantId, id, record, before, now, durabilityWindowMs));
    for (const l of record.links)
      links.push({
        tenant_id: tenantId,
        from_item_id: id,
        kind: l.kind,
        to_source: l.source,
        to_external_id: l.externalId,
      });
  }
  return { rows, links };
}
