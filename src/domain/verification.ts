import { HUMAN, type KpiItem } from './kpi-item.js';

/** Outcome verification states of KPIS.md, for agent-resolved items. */
export const VERIFICATION_STATES = ['provisional', 'durable', 'verified', 'reversed', 'disputed'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const DEFAULT_DURABILITY_WINDOW_MS = 7 * 86_400_000;
export const DEFAULT_REWORK_WINDOW_MS = 14 * 86_400_000;

/** When an item counts as resolved: `resolved_at`, else `closed_at` (KPIS.md, Conventions). */
export function resolutionTime(item: Pick<KpiItem, 'resolvedAt' | 'closedAt'>): number | null {
  return item.resolvedAt ?? item.closedAt;
}

export function isAgentHandled(item: Pick<KpiItem, 'handledBy'>): boolean {
  return item.handledBy !== HUMAN;
}

/**
 * The verification state of an agent-resolved item as of `asOf`, or null when the item is not an
 * agent resolution (then it has no verification state). Disputes win over everything while open;
 * a reversal known by `asOf` wins over durability; the window closes `durabilityWindowMs` after
 * resolution. `verified` needs a passed review, which arrives with HITL sampling.
 */
export function verificationStateAt(
  item: Pick<KpiItem, 'handledBy' | 'outcome' | 'resolvedAt' | 'closedAt' | 'reversedAt' | 'disputedAt'>,
  asOf: number,
  durabilityWindowMs: number,
  reviewPassedAt: number | null = null,
): VerificationState | null {
  if (!isAgentHandled(item) || item.outcome !== 'resolved') return null;
  const resolved = resolutionTime(item);
  if (resolved === null) return null;
  // Resolved after asOf: as of then the item was still being worked; keep it out like a provisional one.
  if (resolved > asOf) return 'provisional';
  if (item.disputedAt !== null && item.disputedAt <= asOf) return 'disputed';
  if (item.reversedAt !== null && item.reversedAt <= asOf) return 'reversed';
  if (resolved + durabilityWindowMs > asOf) return 'provisional';
  return reviewPassedAt !== null && reviewPassedAt <= asOf ? 'verified' : 'durable';
}

/**
 * Why an update reverses an agent resolution, or null if it does not: the item was reopened,
 * reassigned (to a human), or its outcome moved away from `resolved`. Pure: compares the stored
 * version with the incoming one.
 */
export function reversalReason(
  before: Pick<KpiItem, 'handledBy' | 'outcome' | 'reopenCount' | 'reassignmentCount'> | null,
  after: Pick<KpiItem, 'handledBy' | 'outcome' | 'reopenCount' | 'reassignmentCount'>,
): 'reopened' | 'reassigned' | 'outcome_changed' | null {
  const wasAgentResolved = before !== null && isAgentHandled(before) && before.outcome === 'resolved';
  if (wasAgentResolved && after.outcome !== 'resolved') return 'outcome_changed';
  if (wasAgentResolved && !isAgentHandled(after)) return 'reassigned';
  if (!isAgentHandled(after) || after.outcome !== 'resolved') return null;
  if (after.reopenCount > (before?.reopenCount ?? 0)) return 'reopened';
  if (wasAgentResolved && after.reassignmentCount > before.reassignmentCount) return 'reassigned';
  return null;
}

/**
 * The item with rework folded into its reversal: a `caused_by`/`follow_up_of` item opened inside
 * the durability window reverses the resolution at the moment it was opened.
 */
export function withReworkReversal<
  T extends Pick<KpiItem, 'resolvedAt' | 'closedAt' | 'reversedAt' | 'reworkOpenedAt'>,
>(item: T, durabilityWindowMs: number): T {
  const resolved = resolutionTime(item);
  const rework = item.reworkOpenedAt;
  if (resolved === null || rework === null || rework - resolved > durabilityWindowMs || rework < resolved)
    return item;
  if (item.reversedAt !== null && item.reversedAt <= rework) return item;
  return { ...item, reversedAt: rework };
}

/**
 * Why an event older than the stored version reverses its agent resolution by the counters alone (its
 * fields lose to the newer ones), or null. A reopen or reassignment at `at` reverses it only if it
 * happened at or after the resolution; one from before the resolution did not undo it.
 */
export function lateEventReversalReason(
  stored: Pick<
    KpiItem,
    'handledBy' | 'outcome' | 'reopenCount' | 'reassignmentCount' | 'resolvedAt' | 'closedAt'
  >,
  counts: Pick<KpiItem, 'reopenCount' | 'reassignmentCount'>,
  at: number,
): 'reopened' | 'reassigned' | 'outcome_changed' | null {
  const resolved = resolutionTime(stored);
  if (resolved === null || at < resolved) return null;
  return reversalReason(stored, { ...stored, ...counts });
}

/**
 * The item as it stood at `asOf`: one that ended (resolved, failed or abandoned) only later was still
 * open then. An escalation's own time is not kept, so an escalated item keeps its outcome.
 */
export function asItStood<T extends Pick<KpiItem, 'outcome' | 'resolvedAt' | 'closedAt'>>(
  item: T,
  asOf: number,
): T {
  if (item.outcome !== 'resolved' && item.outcome !== 'failed' && item.outcome !== 'abandoned') return item;
  const ended = resolutionTime(item);
  return ended !== null && ended > asOf ? { ...item, outcome: 'open' } : item;
}

/** The verification facts an item row stores: reversal, dispute, and when the durability job closed it. */
export type StoredVerification = Pick<
  KpiItem,
  'handledBy' | 'outcome' | 'resolvedAt' | 'closedAt' | 'reversedAt' | 'disputedAt'
> & {
  readonly durableAt: number | null;
};

/**
 * The verification state an item row records now (what rollups count): disputed, reversed, durable once
 * the durability job closed its window, else provisional — a pending resolution whose window has closed
 * since counts as durable at read time (settlesAt), until the job records it.
 */
export function storedVerificationState(item: StoredVerification): VerificationState | null {
  if (!isAgentHandled(item) || item.outcome !== 'resolved' || resolutionTime(item) === null) return null;
  if (item.disputedAt !== null) return 'disputed';
  if (item.reversedAt !== null) return 'reversed';
  return item.durableAt !== null ? 'durable' : 'provisional';
}

/** When a pending agent resolution's durability window closes; null when it is not pending. */
export function settlesAt(item: StoredVerification, durabilityWindowMs: number): number | null {
  if (storedVerificationState(item) !== 'provisional') return null;
  const resolved = resolutionTime(item);
  return resolved === null ? null : resolved + durabilityWindowMs;
}
