import { COST_KINDS } from './cost-kinds.js';
import { z } from 'zod';
import { Attributes } from './attributes.js';
import { LINK_KINDS, OUTCOMES } from './item-vocabulary.js';
import { MAX_TOKENS } from './money.js';
import { StoredText, textProblem } from './text.js';

const Name = StoredText.trim().min(1).max(200);
const IsoText = StoredText.min(1).max(64);
const Tokens = z.number().int().min(0).max(MAX_TOKENS);

/** Priority 1 (highest) … 5; values like `3 - Moderate` keep their leading number; `?`, '' and null are missing. */
export const Priority = z
  .union([z.number(), z.string()])
  .nullable()
  .transform((value, ctx): number | null => {
    if (value === null) return null;
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= 1 && value <= 5) return value;
    } else {
      const problem = textProblem(value);
      if (problem !== null) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      const text = value.trim();
      if (text === '' || text === '?' || text.toLowerCase() === 'null') return null;
      const m = /^(\d+)/.exec(text);
      const n = m ? Number(m[1]) : NaN;
      if (n >= 1 && n <= 5) return n;
    }
    ctx.addIssue({ code: 'custom', message: 'must be 1..5 or a label starting with 1..5' });
    return z.NEVER;
  });

/** An item's key: upserts, links and reads find an item by it. */
export const ItemKey = z.strictObject({ source: Name, external_id: Name });
export type ItemKey = z.infer<typeof ItemKey>;

export const ItemLinkInput = z.strictObject({
  kind: z.enum(LINK_KINDS),
  source: Name,
  external_id: Name,
});
export type ItemLinkInput = z.infer<typeof ItemLinkInput>;

/** An ItemInput field: what a writer may send, and what a stored item shows for it. */
interface FieldSpec<I extends z.ZodType, S extends z.ZodType, T extends boolean> {
  /** The value a writer may send (ItemInput). */
  readonly input: I;
  /** The value a stored item has, as the API shows it: a default applied, else null when none was sent. */
  readonly shown: S;
  /** A time: ISO-8601 text as sent and shown, epoch milliseconds as stored. */
  readonly time: T;
}

const field = <I extends z.ZodType, S extends z.ZodType>(input: I, shown: S): FieldSpec<I, S, false> => ({
  input,
  shown,
  time: false,
});
const time = <I extends z.ZodType, S extends z.ZodType>(input: I, shown: S): FieldSpec<I, S, true> => ({
  input,
  shown,
  time: true,
});

const Count = z.number().int().min(0).max(1_000_000);
const Text = z.string();
const NullableText = z.string().nullable();
const NullableNumber = z.number().nullable();
const NullableFlag = z.boolean().nullable();

/**
 * The one list of an item's fields (KPIS.md field names, snake_case), each with what a writer may send and
 * what a stored item shows. Every other shape of an item is built from it: ItemInput and ItemDraft here,
 * the shown fields (ItemFields) and the API view's (ItemViewFields), and in item-model.ts the stored
 * columns, the normalised record (item-record.ts), the KPI item (kpi-item.ts) and the store's row.
 */
export const ITEM_FIELDS = {
  source: field(Name, Text),
  external_id: field(Name, Text),
  workflow: field(Name.nullish(), NullableText),
  category: field(Name.nullish(), NullableText),
  priority: field(Priority.optional(), NullableNumber.describe('1 (highest) … 5')),
  channel: field(Name.nullish(), NullableText),
  opened_at: time(IsoText, Text),
  first_response_at: time(IsoText.nullish(), NullableText),
  resolved_at: time(IsoText.nullish(), NullableText),
  closed_at: time(IsoText.nullish(), NullableText),
  /** 0 when not sent. */
  reassignment_count: field(Count.optional(), z.number()),
  /** 0 when not sent. */
  reopen_count: field(Count.optional(), z.number()),
  handled_by: field(Name, Text.describe('`human` or an agent id')),
  /** When not sent: resolved if the item has a resolution or closure time, else open. */
  outcome: field(z.enum(OUTCOMES).optional(), Text.describe(`one of ${OUTCOMES.join(', ')}`)),
  confidence: field(z.number().min(0).max(1).nullish(), NullableNumber),
  state_change_verified: field(z.boolean().nullish(), NullableFlag),
  csat: field(z.number().int().min(1).max(5).nullish(), NullableNumber),
  sla_met: field(z.boolean().nullish(), NullableFlag),
  /** Human minutes spent on the hand-off of an escalated or failed item (at most a week). */
  handoff_minutes: field(z.number().min(0).max(10_080).nullish(), NullableNumber),
  /** When not sent: the latest of the item's times. */
  updated_at: time(IsoText.optional(), Text),
  /** Stored in item_links, not in the item's row; shown by the item's detail only. */
  links: field(
    z.array(ItemLinkInput).max(100).optional(),
    z.array(z.strictObject({ kind: Text, source: Text, external_id: Text })),
  ),
  attributes: field(Attributes.optional(), z.record(z.string(), z.unknown()).nullable()),
};

type Fields = typeof ITEM_FIELDS;
export type ItemFieldName = keyof Fields;
/** The fields that are times (ISO-8601 text as sent and shown, epoch ms as stored). */
export type ItemTimeField = {
  [K in ItemFieldName]: Fields[K]['time'] extends true ? K : never;
}[ItemFieldName];

/** One part of every field spec, as a zod shape. */
function shapeOf<P extends 'input' | 'shown'>(part: P): { [K in ItemFieldName]: Fields[K][P] } {
  return Object.fromEntries(Object.entries(ITEM_FIELDS).map(([name, spec]) => [name, spec[part]])) as {
    [K in ItemFieldName]: Fields[K][P];
  };
}

/** The time fields, in the order of the list (toItemRecord reports the first unreadable one). */
export const ITEM_TIME_FIELDS = Object.entries(ITEM_FIELDS).flatMap(([name, spec]) =>
  spec.time ? [name] : [],
) as readonly ItemTimeField[];

/** One work item as writers send it. Times are ISO-8601 text. */
export const ItemInput = z.strictObject(shapeOf('input'));
export type ItemInput = z.infer<typeof ItemInput>;
/** An item as a writer or an importer drafts it, before ItemInput checks it. */
export type ItemDraft = z.input<typeof ItemInput>;

/** An item's fields as a stored item has them: defaults applied, null for what was not sent. */
export const ItemFields = z.object(shapeOf('shown'));
export type ItemFields = z.infer<typeof ItemFields>;

/**
 * The fields the API's view of an item shows (GET /v1/items): all but `links`, which only the item's
 * detail lists (with the links to it), and `handoff_minutes`, which the view has never shown.
 */
export const ItemViewFields = ItemFields.omit({ links: true, handoff_minutes: true });
export type ItemViewFields = z.infer<typeof ItemViewFields>;

export { COST_KINDS, type CostKind } from './cost-kinds.js';

/** One cost record (KPIS.md, Costs). Amount in the tenant's currency as a decimal number or string. */
export const CostInput = z.strictObject({
  id: Name.optional(),
  agent_id: Name,
  item: ItemKey.optional(),
  kind: z.enum(COST_KINDS),
  amount: z.union([z.number(), z.string().regex(/^-?\d+(\.\d{1,6})?$/)]).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  starts_at: IsoText,
  ends_at: IsoText.optional(),
  tokens_in: Tokens.optional(),
  tokens_out: Tokens.optional(),
  model: Name.optional(),
});
export type CostInput = z.infer<typeof CostInput>;
