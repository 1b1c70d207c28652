import { z } from 'zod';
import { fromMicros, isWithinMicros, MAX_PRICE_PER_MILLION_MICROS } from './money.js';
import { StoredText } from './text.js';

const Text = StoredText.trim().min(1).max(200);
export const ResourceId = StoredText.regex(
  /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/,
  'letters, digits and . _ : - (at most 128)',
);

/** PUT /v1/workflows/{id}: SLA targets in hours per priority "1".."5". */
export const WorkflowInput = z.strictObject({
  name: Text,
  department: Text.nullish(),
  sla_hours: z
    .partialRecord(
      z.enum(['1', '2', '3', '4', '5']),
      z
        .number()
        .positive()
        .max(24 * 365),
    )
    .default({}),
});
export type WorkflowInput = z.infer<typeof WorkflowInput>;

export const AgentScope = z.strictObject({
  categories: z.array(Text).max(500).optional(),
  priorities: z.array(z.number().int().min(1).max(5)).max(5).optional(),
  channels: z.array(Text).max(100).optional(),
});
export type AgentScope = z.infer<typeof AgentScope>;

/** PUT /v1/agents/{id}. */
export const AgentInput = z.strictObject({
  name: Text,
  vendor: Text.nullish(),
  version: Text.nullish(),
  scope: AgentScope.nullish(),
});
export type AgentInput = z.infer<typeof AgentInput>;

const PricePerMillion = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d{1,6})?$/)])
  .refine(
    (price) => isWithinMicros(price, MAX_PRICE_PER_MILLION_MICROS),
    `at most ${fromMicros(MAX_PRICE_PER_MILLION_MICROS)} per million tokens`,
  );

/** PUT /v1/model-prices/{model}: prices per million tokens in the tenant's currency. */
export const ModelPriceInput = z.strictObject({
  input_per_million: PricePerMillion,
  output_per_million: PricePerMillion,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});
export type ModelPriceInput = z.infer<typeof ModelPriceInput>;
