import { HUMAN, type KpiItem } from '../kpi-item.js';
import { isAgentHandled } from '../verification.js';
import type { KpiValue } from './kpi-value.js';
import { rateKpi } from './build-kpi.js';
import type { TallyCell } from './tally.js';

/** An agent's configured scope; a missing list means any value of that field. */
export interface AgentScope {
  readonly categories?: readonly string[];
  readonly priorities?: readonly number[];
  readonly channels?: readonly string[];
}

/** Looks up an agent's configured scope; null when none is configured. */
export type AgentScopeLookup = (agentId: string) => AgentScope | null;

type Cohort = Pick<KpiItem, 'category' | 'priority' | 'channel'>;

const NO_SCOPE = "no items in the agents' scope";

/**
 * coverage_rate: agent-handled ÷ all items (any handler) in the agents' scope, with a Wilson interval.
 * An agent's scope is its configured one, else the (category, priority, channel) cohorts it handled
 * here; an item is in scope when it is in the scope of at least one agent present.
 */
export function coverageRate(items: readonly KpiItem[], agentScope?: AgentScopeLookup): KpiValue {
  const isInScope = inScopePredicate(items, agentScope);
  let inScope = 0;
  let agentInScope = 0;
  for (const item of items) {
    if (!isInScope(item)) continue;
    inScope += 1;
    // an agent item outside every configured scope is left out of both sides, so the rate stays ≤ 1
    if (isAgentHandled(item)) agentInScope += 1;
  }
  return rateKpi(agentInScope, inScope, NO_SCOPE);
}

/** coverage_rate from a period's tallies, by the same rule as coverageRate over the cells' cohorts. */
export function tallyCoverage(cells: readonly TallyCell[], agentScope?: AgentScopeLookup): KpiValue {
  const isInScope = scopeOf(
    cells.filter((c) => c.tally.items > 0).map((c) => ({ handler: c.handler, cohort: c.cohort })),
    agentScope,
  );
  let inScope = 0;
  let agentInScope = 0;
  for (const cell of cells) {
    if (!isInScope(cell.cohort)) continue;
    inScope += cell.tally.items;
    if (cell.handler !== HUMAN) agentInScope += cell.tally.items;
  }
  return rateKpi(agentInScope, inScope, NO_SCOPE);
}

/** Whether an item is in the scope of at least one agent present among `items` (coverage's population). */
export function inScopePredicate(
  items: readonly KpiItem[],
  agentScope: AgentScopeLookup | undefined,
): (item: Cohort) => boolean {
  return scopeOf(
    items.map((item) => ({ handler: item.handledBy, cohort: item })),
    agentScope,
  );
}

/** The union of the scopes of the agents among `present`: configured, else the cohorts they handled. */
function scopeOf(
  present: readonly { handler: string; cohort: Cohort }[],
  agentScope: AgentScopeLookup | undefined,
): (item: Cohort) => boolean {
  const scopes = new Map<string, AgentScope | null>();
  const handledCohorts = new Set<string>();
  for (const { handler, cohort } of present) {
    if (handler === HUMAN) continue;
    let scope = scopes.get(handler);
    if (scope === undefined) {
      scope = agentScope?.(handler) ?? null;
      scopes.set(handler, scope);
    }
    // Only agents without a configured scope derive one from what they handled.
    if (scope === null) handledCohorts.add(cohortKey(cohort));
  }
  const configured = [...scopes.values()].flatMap((scope) => (scope === null ? [] : [matchesScope(scope)]));
  return (item: Cohort): boolean =>
    handledCohorts.has(cohortKey(item)) || configured.some((matches) => matches(item));
}

function matchesScope(scope: AgentScope): (item: Cohort) => boolean {
  const categories = scope.categories === undefined ? null : new Set(scope.categories);
  const priorities = scope.priorities === undefined ? null : new Set(scope.priorities);
  const channels = scope.channels === undefined ? null : new Set(scope.channels);
  // A listed field needs a value on the item: an item without a category is not in a category list.
  return (item) =>
    (categories === null || (item.category !== null && categories.has(item.category))) &&
    (priorities === null || (item.priority !== null && priorities.has(item.priority))) &&
    (channels === null || (item.channel !== null && channels.has(item.channel)));
}

function cohortKey(item: Cohort): string {
  return JSON.stringify([item.category, item.priority, item.channel]);
}
