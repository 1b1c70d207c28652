import { listItemAttributes } from '../../store/queries/items-read.js';
import { reader, requirePermission, type Ctx } from '../context.js';

/** Keys looked up per query: well under every engine's parameter limit. */
const CHUNK = 1_000;

/** What an import would overwrite of another system's records: how many, and a few of their ids. */
export interface OtherRecords {
  count: number;
  examples: string[];
}

/**
 * The stored items that these records would update although they are other records: same source and
 * external id (an incident number), but another identity in their own system (ServiceNow's `sys_id`,
 * Jira's issue id) — two ServiceNow instances imported under one source. Records without the identity,
 * and items stored without it, are not counted: nothing tells them apart.
 */
export async function findOtherRecords(
  ctx: Ctx,
  records: readonly { item: Record<string, unknown> }[],
  identity: string,
): Promise<OtherRecords> {
  requirePermission(ctx, 'ingest');
  const incoming = new Map<string, Map<string, string>>();
  for (const { item } of records) {
    const attributes = item.attributes as Record<string, unknown> | undefined;
    const id = attributes?.[identity];
    if (typeof item.source !== 'string' || typeof item.external_id !== 'string' || typeof id !== 'string')
      continue;
    const bySource = incoming.get(item.source) ?? new Map<string, string>();
    bySource.set(item.external_id, id);
    incoming.set(item.source, bySource);
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
