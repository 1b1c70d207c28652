import type { CamelCase, ItemColumnName, ItemRecordFields } from './item-model.js';

import { OUTCOMES, type Outcome } from './item-vocabulary.js';

// The item's vocabulary lives apart so the item's schema (item-input.ts) can name it without a circle.
export { HUMAN, LINK_KINDS, OUTCOMES, type LinkKind, type Outcome } from './item-vocabulary.js';

/** The item fields KPI formulas read (ITEM_FIELDS names; the store reads these columns for them). */
export const KPI_ITEM_FIELDS = [
  'workflow',
  'category',
  'priority',
  'channel',
  'opened_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'reassignment_count',
  'reopen_count',
  'handled_by',
  'outcome',
  'state_change_verified',
  'csat',
  'sla_met',
  'handoff_minutes',
] as const satisfies readonly ItemColumnName[];
export type KpiItemField = (typeof KPI_ITEM_FIELDS)[number];

/**
 * One stored item as KPI formulas read it: the fields of KPI_ITEM_FIELDS as the normalised record keeps
 * them (epoch-ms times; `slaMet` what the source said of SLA, null when it said nothing), its id, and the
 * verification marks of its row.
 * `reversedAt` is when the item's agent resolution was reversed (reopen, reassignment to a human,
 * rework link inside the durability window, failed review), null if never.
 * `reworkOpenedAt` is the earliest `opened_at` of a later item that names this one as
 * `caused_by`/`follow_up_of`, null if none.
 */
export interface KpiItem extends Readonly<Pick<ItemRecordFields, CamelCase<KpiItemField>>> {
  readonly id: string;
  readonly reversedAt: number | null;
  readonly disputedAt: number | null;
  readonly reworkOpenedAt: number | null;
}

/** Read an outcome stored as text; the store only ever writes OUTCOMES, so anything else is corruption. */
export function parseOutcome(text: string): Outcome {
  const found = OUTCOMES.find((o) => o === text);
  if (found === undefined) throw new Error(`stored outcome is not one of ${OUTCOMES.join(', ')}: ${text}`);
  return found;
}
