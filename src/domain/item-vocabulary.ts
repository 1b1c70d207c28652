/** Who handled an item: an agent id, or the literal 'human'. */
export const HUMAN = 'human';

/** How an item ended, or that it has not yet. */
export type Outcome = 'resolved' | 'escalated' | 'failed' | 'abandoned' | 'open';
export const OUTCOMES: readonly Outcome[] = ['resolved', 'escalated', 'failed', 'abandoned', 'open'];

/** How one item names another: the rework it caused, the follow-up it is, the duplicate it is. */
export type LinkKind = 'caused_by' | 'follow_up_of' | 'duplicate_of';
export const LINK_KINDS: readonly LinkKind[] = ['caused_by', 'follow_up_of', 'duplicate_of'];
