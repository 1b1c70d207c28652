import { escalationOverheadMinutesFor, type RateCard } from '../baseline/rate-card.js';
import type { KpiItem } from '../kpi-item.js';
import { isAgentHandled } from '../verification.js';

/** Why oversight is not priced when there is no rate card (KPIS.md, Human oversight). */
export const OVERSIGHT_UNPRICED =
  'no rate card: escalation overhead is not priced (set one with workledger rate-cards set)';

/**
 * Human minutes an agent item cost in oversight: for an escalated or failed item, the hand-off minutes
 * its source reported, else the rate card's escalation overhead of its cohort; 0 for any other item.
 * The human's own handling of an escalated item is not charged: the baseline would have paid it too.
 */
export function escalationOverheadMinutes(item: KpiItem, card: RateCard): number {
  if (!isAgentHandled(item) || (item.outcome !== 'escalated' && item.outcome !== 'failed')) return 0;
  return item.handoffMinutes ?? escalationOverheadMinutesFor(card, item);
}

/** Oversight minutes priced at the loaded hourly rate (loadedHourlyRateMicros), in micro-units rounded half up. */
export function oversightCostMicros(minutes: number, loadedRateMicros: number): number {
  return Math.round((minutes * loadedRateMicros) / 60);
}
