import type { ItemInput } from '../item-input.js';
import type { ItemRecordFields } from '../item-model.js';
import { toIso } from '../time.js';

/** A rework link from a draft to an earlier draft, by its position in the draft list. */
export interface DraftLink {
  kind: 'follow_up_of' | 'caused_by';
  target: number;
}

/** The item fields a demo item plans, as the normalised record keeps them (camelCase, epoch ms). */
type PlannedFields = Pick<
  ItemRecordFields,
  | 'source'
  | 'handledBy'
  | 'outcome'
  | 'openedAt'
  | 'firstResponseAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'reassignmentCount'
  | 'reopenCount'
  | 'confidence'
  | 'stateChangeVerified'
  | 'csat'
> & { [K in 'workflow' | 'category' | 'priority' | 'channel']: NonNullable<ItemRecordFields[K]> };

/**
 * One demo work item while it is being generated: the record's fields (every demo item has a workflow,
 * category, priority and channel), times already clipped to `now` (null = has not happened yet), and
 * links by plan position until external ids are assigned.
 */
export interface DemoItemPlan extends PlannedFields {
  idPrefix: string;
  links: DraftLink[];
  /** Free attributes; times among them are epoch ms and become ISO text. */
  attributes: Record<string, string | number | boolean>;
  timeAttributes: Record<string, number>;
}

/** How writers key an item: `(source, external_id)`. */
export interface ItemKey {
  source: string;
  external_id: string;
}

/** The time `at` if it has happened by `now`, else null. */
export function happened(at: number, now: number): number | null {
  return at <= now ? at : null;
}

/** External id like INC0010001: the prefix and a 7-digit number starting at 10001. */
export function formatExternalId(prefix: string, sequence: number): string {
  return `${prefix}${String(10_000 + sequence).padStart(7, '0')}`;
}

/**
 * External ids for drafts in `order` (positions sorted by opened time), numbered per source and prefix.
 * Returns ids indexed by draft position.
 */
export function assignExternalIds(drafts: readonly DemoItemPlan[], order: readonly number[]): string[] {
  const counters = new Map<string, number>();
  const ids: string[] = new Array<string>(drafts.length).fill('');
  for (const position of order) {
    const draft = drafts[position];
    if (draft === undefined) continue;
    const counterKey = `${draft.source}\u0000${draft.idPrefix}`;
    const sequence = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, sequence);
    ids[position] = formatExternalId(draft.idPrefix, sequence);
  }
  return ids;
}

/** The draft as a writer would send it; `updated_at` is the latest time the item has. */
export function toItemInput(
  draft: DemoItemPlan,
  externalId: string,
  linkTarget: (target: number) => ItemKey,
): ItemInput {
  const times = [draft.openedAt, draft.firstResponseAt, draft.resolvedAt, draft.closedAt];
  const attributes: Record<string, unknown> = { ...draft.attributes };
  for (const [name, at] of Object.entries(draft.timeAttributes)) {
    attributes[name] = toIso(at);
    times.push(at);
  }
  const updatedAt = Math.max(...times.filter((t): t is number => t !== null));
  const item: ItemInput = {
    source: draft.source,
    external_id: externalId,
    workflow: draft.workflow,
    category: draft.category,
    priority: draft.priority,
    channel: draft.channel,
    opened_at: toIso(draft.openedAt),
    first_response_at: draft.firstResponseAt === null ? null : toIso(draft.firstResponseAt),
    resolved_at: draft.resolvedAt === null ? null : toIso(draft.resolvedAt),
    closed_at: draft.closedAt === null ? null : toIso(draft.closedAt),
    reassignment_count: draft.reassignmentCount,
    reopen_count: draft.reopenCount,
    handled_by: draft.handledBy,
    outcome: draft.outcome,
    confidence: draft.confidence,
    state_change_verified: draft.stateChangeVerified,
    csat: draft.csat,
    updated_at: toIso(updatedAt),
  };
  if (draft.links.length > 0) {
    item.links = draft.links.map((link) => ({ kind: link.kind, ...linkTarget(link.target) }));
  }
  if (Object.keys(attributes).length > 0) item.attributes = attributes;
  return item;
}
