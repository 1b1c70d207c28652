import { COST_KINDS } from './cost-kinds.js';
import { z } from 'zod';
import { Attributes } from './attributes.js';
import { LINK_KINDS, OUTCOMES } from './kpi-item.js';
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

/** One work item as writers send it (KPIS.md field names, snake_case). Times are ISO-8601 text. */
export const ItemInput = z.strictObject({
  source: Name,
  external_id: Name,
  workflow: Name.nullish(),
  category: Name.nullish(),
  priority: Priority.optional(),
  channel: Name.nullish(),
  opened_at: IsoText,
  first_response_at: IsoText.nullish(),
  resolved_at: IsoText.nullish(),
  closed_at: IsoText.nullish(),
  reassignment_count: z.number().int().min(0).max(1_000_000).optional(),
  reopen_count: z.number().int().min(0).max(1_000_000).optional(),
  handled_by: Name,
  outcome: z.enum(OUTCOMES).optional(),
  confidence: z.number().min(0).max(1).nullish(),
  state_change_verified: z.boolean().nullish(),
  csat: z.number().int().min(1).max(5).nullish(),
  sla_met: z.boolean().nullish(),
  /** Human minutes spent on the hand-off of an escalated or failed item (at most a week). */
  handoff_minutes: z.number().min(0).max(10_080).nullish(),
  updated_at: IsoText.optional(),
  links: z.array(ItemLinkInput).max(100).optional(),
  attributes: Attributes.optional(),
});
export type ItemInput = z.infer<typeof ItemInput>;
/** An item as a writer or an importer drafts it, before ItemInput checks it. */
export type ItemDraft = z.input<typeof ItemInput>;

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
