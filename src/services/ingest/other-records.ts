import { z } from 'zod';
import { StoredText } from '../../domain/text.js';
import { listItemAttributes } from '../../store/queries/items-read.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { parseInput } from '../parse-input.js';

/** Keys looked up per query: well under every engine's parameter limit. */
const CHUNK = 1_000;

/** What an import would overwrite of another system's records: how many, and a few of their ids. */
export interface OtherRecords {
  count: number;
  examples: string[];
}

/** At most this many records per check (one import batch). */
export const MAX_CHECKED_RECORDS = 10_000;

const Key = StoredText.min(1).max(200);

/** What a check needs of each incoming record: its key, and its identity in its own system. */
export const OtherRecordsQuery = z.strictObject({
  /** The attribute that holds a record's identity in its own system: `sys_id` (ServiceNow), `jira_id`. */
  identity: Key,
  records: z.array(z.strictObject({ source: Key, external_id: Key, id: Key })).max(MAX_CHECKED_RECORDS),
});
export type OtherRecordsQuery = z.infer<typeof OtherRecordsQuery>;

/** The check's input from drafted items: those that carry the identity attribute. */
export function identityRecords(
  items: readonly { source: string; external_id: string; attributes?: Record<string, unknown> | undefined }[],
  identity: string,
): OtherRecordsQuery['records'] {
  return items.flatMap((item) => {
    const id = item.attributes?.[identity];
    return typeof id === 'string' && id !== ''
      ? [{ source: item.source, external_id: item.external_id, id }]
      : [];
  });
}

/**
 * The stored items that these records would update although they are other records: same source and
 * external id (an incident number), but another identity in their own system (ServiceNow's `sys_id`,
 * Jira's issue id) — two ServiceNow instances imported under one source. Items stored without the
 * identity are not counted: nothing tells them apart. Reads only; `input` is checked here, as it may
 * come over HTTP (POST /v1/items/other-records).
 */
export async function findOtherRecords({ ctx, input }: Verb<unknown>): Promise<OtherRecords> {
  requirePermission(ctx, 'ingest');
  const { identity, records } = parseInput(OtherRecordsQuery, input);
  const incoming = new Map<string, Map<string, string>>();
  for (const { source, external_id, id } of records) {
    const bySource = incoming.get(source) ?? new Map<string, string>();
    bySource.set(external_id, id);
    incoming.set(source, bySource);
  }
  const found: OtherRecords = { count: 0, examples: [] };
  for (const [source, ids] of incoming) {
    const keys = [...ids.keys()];
    for (let i = 0; i < keys.length; i += CHUNK)
      for (const row of await listItemAttributes(
        reader(ctx),
        ctx.tenantId,
        source,
        keys.slice(i, i + CHUNK),
      )) {
        const stored =
          row.attributes === null
            ? undefined
            : (JSON.parse(row.attributes) as Record<string, unknown>)[identity];
        if (typeof stored !== 'string' || stored === ids.get(row.external_id)) continue;
        found.count += 1;
        if (found.examples.length < 3) found.examples.push(row.external_id);
      }
  }
  return found;
}
