import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.js';
import type { ItemFilter } from '../domain/item-filter.js';

export type { ItemFilter };

/** The WHERE clause of `filter` for `items`, parameterised by the builder. */
export function itemFilterWhere(
  eb: ExpressionBuilder<Database, 'items'>,
  tenantId: string,
  filter: ItemFilter,
): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [
    eb('items.tenant_id', '=', tenantId),
    eb('items.opened_at', '>=', filter.from),
    eb('items.opened_at', '<', filter.to),
  ];
  if (filter.agent?.length) {
    const agents = filter.withHumans ? [...filter.agent, 'human'] : [...filter.agent];
    conds.push(eb('items.handled_by', 'in', agents));
  }
  if (filter.handledBy === 'human') conds.push(eb('items.handled_by', '=', 'human'));
  if (filter.handledBy === 'agent') conds.push(eb('items.handled_by', '!=', 'human'));
  if (filter.workflow?.length) conds.push(eb('items.workflow', 'in', [...filter.workflow]));
  if (filter.category?.length) conds.push(eb('items.category', 'in', [...filter.category]));
  if (filter.priority?.length) conds.push(eb('items.priority', 'in', [...filter.priority]));
  if (filter.channel?.length) conds.push(eb('items.channel', 'in', [...filter.channel]));
  if (filter.outcome?.length) conds.push(eb('items.outcome', 'in', [...filter.outcome]));
  if (filter.source !== undefined) conds.push(eb('items.source', '=', filter.source));
  return eb.and(conds);
}
