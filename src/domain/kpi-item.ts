/** Who handled an item: an agent id, or the literal 'human'. */
export const HUMAN = 'human';

export type Outcome = 'resolved' | 'escalated' | 'failed' | 'abandoned' | 'open';
export const OUTCOMES: readonly Outcome[] = ['resolved', 'escalated', 'failed', 'abandoned', 'open'];

export type LinkKind = 'caused_by' | 'follow_up_of' | 'duplicate_of';
export const LINK_KINDS: readonly LinkKind[] = ['caused_by', 'follow_up_of', 'duplicate_of'];

/**
 * The columns of one stored item that KPI formulas read. Times are epoch milliseconds.
 * `reversedAt` is when the item's agent resolution was reversed (reopen, reassignment to a human,
 * rework link inside the durability window, failed review), null if never.
 * `reworkOpenedAt` is the earliest `opened_at` of a later item that names this one as
 * `caused_by`/`follow_up_of`, null if none.
 */
export interface KpiItem {
  readonly id: string;
  readonly workflow: string | null;
  readonly category: string | null;
  readonly priority: number | null;
  readonly channel: string | null;
  readonly openedAt: number;
  readonly firstResponseAt: number | null;
  readonly resolvedAt: number | null;
  readonly closedAt: number | null;
  readonly reassignmentCount: number;
  readonly reopenCount: number;
  readonly handledBy: string;
  readonly outcome: Outcome;
  readonly stateChangeVerified: boolean | null;
  readonly csat: number | null;
  /** What the source said of SLA (made_sla / has_breached); null when it said nothing. */
  readonly slaMet: boolean | null;
  readonly reversedAt: number | null;
  readonly disputedAt: number | null;
  readonly reworkOpenedAt: number | null;
  /** Human minutes the source reports for the hand-off of an escalated or failed item, null if none. */
  readonly handoffMinutes: number | null;
}

/** Read an outcome stored as text; the store only ever writes OUTCOMES, so anything else is corruption. */
export function parseOutcome(text: string): Outcome {
  const found = OUTCOMES.find((o) => o === text);
  if (found === undefined) throw new Error(`stored outcome is not one of ${OUTCOMES.join(', ')}: ${text}`);
  return found;
}
