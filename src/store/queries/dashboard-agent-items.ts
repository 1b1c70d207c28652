import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { itemFilterWhere, type ItemFilter } from '../item-filter.js';

/** What the dashboard's activity and outcome-mix views read of an agent item. */
export interface AgentItemFacts {
  handled_by: string;
  opened_at: number;
  outcome: string;
  attributes: string | null;
}

/** The agent-handled items of the filter (any outcome, open included), oldest first. */
export async function listAgentItemFacts(
  db: Kysely<Database>,
  tenantId: string,
  filter: ItemFilter,
): Promise<AgentItemFacts[]> {
  return db
    .selectFrom('items')
    .select(['items.handled_by', 'items.opened_at', 'items.outcome', 'items.attributes'])
    .where((eb) => itemFilterWhere(eb, tenantId, { ...filter, withHumans: false, handledBy: 'agent' }))
    .orderBy('items.opened_at')
    .execute();
}
