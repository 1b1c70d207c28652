import type { KpiItem } from '../kpi-item.js';
import {
  isAgentHandled,
  resolutionTime,
  verificationStateAt,
  type VerificationState,
} from '../verification.js';

/** The subsets of a period's items that the KPI formulas divide by, classified once. */
export interface KpiPopulation {
  /** handledBy is an agent, whatever the outcome. */
  readonly agentHandled: readonly KpiItem[];
  /** Agent-handled and no longer open: resolved, escalated, failed or abandoned. */
  readonly handled: readonly KpiItem[];
  /** Agent-handled and still open. */
  readonly open: readonly KpiItem[];
  /** Resolved by the agent itself. */
  readonly resolved: readonly KpiItem[];
  /** Agent-handled and resolved by anyone: by the agent, or by a human after its escalation. */
  readonly endToEnd: readonly KpiItem[];
  /** How many handled items are in each verification state as of `asOf`. */
  readonly states: Readonly<Record<VerificationState, number>>;
}

/** Split items into the KPI populations and count verification states as of `asOf`. */
export function classifyItems(
  items: readonly KpiItem[],
  asOf: number,
  durabilityWindowMs: number,
): KpiPopulation {
  const agentHandled: KpiItem[] = [];
  const handled: KpiItem[] = [];
  const open: KpiItem[] = [];
  const resolved: KpiItem[] = [];
  const endToEnd: KpiItem[] = [];
  const states: Record<VerificationState, number> = {
    provisional: 0,
    durable: 0,
    verified: 0,
    reversed: 0,
    disputed: 0,
  };
  for (const item of items) {
    if (!isAgentHandled(item)) continue;
    agentHandled.push(item);
    if (item.outcome === 'open') {
      open.push(item);
      continue;
    }
    handled.push(item);
    if (item.outcome === 'resolved') resolved.push(item);
    if (isResolvedByAnyone(item)) endToEnd.push(item);
    const state = verificationStateAt(item, asOf, durabilityWindowMs);
    if (state !== null) states[state] += 1;
  }
  return { agentHandled, handled, open, resolved, endToEnd, states };
}

/**
 * An agent item that ended resolved, by the agent or by a human after its escalation (KPIS.md, Like for
 * like): the population of the end-to-end resolution times that compare with the human baseline.
 */
export function isResolvedByAnyone(item: KpiItem): boolean {
  if (item.outcome !== 'resolved' && item.outcome !== 'escalated') return false;
  return resolutionTime(item) !== null;
}

/** How many of `items` pass `test`. */
export function countWhere(items: readonly KpiItem[], test: (item: KpiItem) => boolean): number {
  let count = 0;
  for (const item of items) if (test(item)) count += 1;
  return count;
}
