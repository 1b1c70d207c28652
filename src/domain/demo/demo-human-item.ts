import { HUMAN } from '../kpi-item.js';
import type { Arrival } from './demo-arrivals.js';
import { HUMAN_ID_PREFIX, HUMAN_SOURCE } from './demo-catalog.js';
import { HUMAN_MEDIAN_HOURS, type DemoCategory } from './demo-categories.js';
import { happened, type DemoItemPlan } from './demo-item-draft.js';
import type { SeededRandom, Weighted } from './seeded-random.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Why a human handled an item: before go-live, the concurrent control group, out of agent scope, or rework. */
export type HumanRouting = 'baseline' | 'control_group' | 'out_of_scope' | 'rework';

const REASSIGNMENTS: readonly Weighted<number>[] = [
  { value: 0, weight: 72 },
  { value: 1, weight: 20 },
  { value: 2, weight: 6 },
  { value: 3, weight: 2 },
];
const HUMAN_CSAT: readonly Weighted<number>[] = [
  { value: 1, weight: 4 },
  { value: 2, weight: 6 },
  { value: 3, weight: 15 },
  { value: 4, weight: 35 },
  { value: 5, weight: 40 },
];
/** Ratings after a reopen are worse, whoever handled the item. */
export const REOPENED_CSAT: readonly Weighted<number>[] = [
  { value: 1, weight: 25 },
  { value: 2, weight: 25 },
  { value: 3, weight: 25 },
  { value: 4, weight: 15 },
  { value: 5, weight: 10 },
];
/** About 30% of resolved items get a satisfaction rating. */
export const CSAT_RESPONSE_CHANCE = 0.3;

/** How long a human desk takes to resolve an item once working on it: hours to days, long-tailed. */
export function humanResolutionMs(
  rng: SeededRandom,
  profile: DemoCategory,
  priority: number,
  reassignments: number,
): number {
  const medianHours = (HUMAN_MEDIAN_HOURS[priority] ?? 14) * profile.humanFactor * (1 + 0.4 * reassignments);
  return Math.max(5 * MINUTE_MS, Math.round(rng.logNormal(medianHours * HOUR_MS, 0.85)));
}

/** ServiceNow-style auto-close: a resolved item closes about three days later. */
export function autoCloseMs(rng: SeededRandom): number {
  return 72 * HOUR_MS + Math.floor(rng.next() * 6 * HOUR_MS);
}

/** A human-handled ticket: first response in minutes to hours, resolution in hours to days. */
export function simulateHumanItem(
  rng: SeededRandom,
  arrival: Arrival,
  routing: HumanRouting,
  now: number,
): DemoItemPlan {
  const { profile, priority, openedAt } = arrival;
  const responseMedian = priority === 1 ? 8 * MINUTE_MS : 40 * MINUTE_MS;
  const firstResponse = openedAt + Math.max(MINUTE_MS, Math.round(rng.logNormal(responseMedian, 1)));
  const reassignments = rng.pick(REASSIGNMENTS);
  const resolved = firstResponse + humanResolutionMs(rng, profile, priority, reassignments);
  const abandons = rng.chance(0.03);
  const abandonedAt = firstResponse + Math.round(rng.logNormal(30 * HOUR_MS, 0.8));
  const draft: DemoItemPlan = {
    source: HUMAN_SOURCE,
    idPrefix: HUMAN_ID_PREFIX[profile.workflow] ?? 'TKT',
    workflow: profile.workflow,
    category: profile.category,
    priority,
    channel: arrival.channel,
    handledBy: HUMAN,
    outcome: 'open',
    openedAt,
    firstResponseAt: happened(firstResponse, now),
    resolvedAt: null,
    closedAt: null,
    reassignmentCount: 0,
    reopenCount: 0,
    confidence: null,
    stateChangeVerified: null,
    csat: null,
    links: [],
    attributes: { routing, assignment_group: `${profile.workflow}-desk` },
    timeAttributes: {},
  };
  if (abandons) {
    if (abandonedAt <= now) Object.assign(draft, { outcome: 'abandoned', closedAt: abandonedAt });
    return draft;
  }
  // Reassignments happen along the way; by `now` only those so far are known, roughly pro rata.
  const progress = Math.min(1, (now - openedAt) / Math.max(1, resolved - openedAt));
  draft.reassignmentCount = Math.floor(reassignments * progress);
  if (resolved > now) return draft;
  draft.outcome = 'resolved';
  draft.resolvedAt = resolved;
  let finished = resolved;
  if (rng.chance(profile.reopenChance * 1.5)) {
    const reopenedAt = resolved + Math.round(rng.logNormal(24 * HOUR_MS, 0.9));
    if (reopenedAt <= now) {
      draft.reopenCount = 1;
      draft.timeAttributes.reopened_at = reopenedAt;
      const reResolved = reopenedAt + humanResolutionMs(rng, profile, priority, 0);
      finished = reResolved <= now ? reResolved : Number.POSITIVE_INFINITY;
      if (reResolved <= now) draft.timeAttributes.re_resolved_at = reResolved;
    }
  }
  const closed = finished + autoCloseMs(rng);
  draft.closedAt = happened(closed, now);
  if (profile.verifiesState) draft.stateChangeVerified = rng.chance(0.98);
  if (rng.chance(CSAT_RESPONSE_CHANCE))
    draft.csat = rng.pick(draft.reopenCount > 0 ? REOPENED_CSAT : HUMAN_CSAT);
  return draft;
}
