import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** An agent-resolved item's times: what the latency KPIs are computed from. */
export interface ResolutionTimeRow {
  handled_by: string;
  opened_at: number;
  resolved_at: number | null;
  closed_at: number | null;
}

/** Agent-handled items opened in [from, to) whose outcome is `resolved` (the latency KPIs' population). */
export async function listResolutionTimes(
  db: Kysely<Database>,
  tenantId: string,
  from: number,
  to: number,
): Promise<ResolutionTimeRow[]> {
  return db
    .selectFrom('items')
    .select(['handled_by', 'opened_at', 'resolved_at', 'closed_at'])
    .where('tenant_id', '=', tenantId)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .where('handled_by', '!=', 'human')
    .where('outcome', '=', 'resolved')
    .execute();
}

/** Reversals recorded in [from, to), counted by reason and by who handles the item now. */
export async function countReversals(
  db: Kysely<Database>,
  tenantId: string,
  from: number,
  to: number,
): Promise<{ reason: string; handled_by: string; count: number }[]> {
  const rows = await db
    .selectFrom('items')
    .select((eb) => ['reversal_reason', 'handled_by', eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('reversed_at', '>=', from)
    .where('reversed_at', '<', to)
    .groupBy(['reversal_reason', 'handled_by'])
    .orderBy('reversal_reason')
    .orderBy('handled_by')
    .execute();
  return rows.map((r) => ({
    reason: r.reversal_reason ?? 'unknown',
    handled_by: r.handled_by,
    count: Number(r.count),
  }));
}
