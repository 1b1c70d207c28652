import { z } from 'zod';

/** A Zendesk id: an integer (13 digits in practice, below 2^53) or its decimal text. */
export const ZendeskId = z.union([
  z
    .number()
    .nonnegative()
    .refine(
      Number.isSafeInteger,
      'not an integer below 2^53: JSON.parse lost its exact value; read ids as text',
    ),
  z.string().regex(/^\d+$/),
]);
export type ZendeskId = z.infer<typeof ZendeskId>;

const Via = z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() });
const Duration = z.looseObject({ calendar: z.number().nullish() });

/** Ticket metrics (`ticket_metrics`, `metric_sets` side-load, or a ticket's `metric_set`). */
export const ZendeskMetrics = z.looseObject({
  ticket_id: ZendeskId.nullish(),
  solved_at: z.string().nullish(),
  reopens: z.number().int().nonnegative().nullish(),
  assignee_stations: z.number().int().nonnegative().nullish(),
  group_stations: z.number().int().nonnegative().nullish(),
  reply_time_in_minutes: Duration.nullish(),
  reply_time_in_seconds: Duration.nullish(),
});
export type ZendeskMetrics = z.infer<typeof ZendeskMetrics>;

/** The ticket fields the converter reads (list, show and incremental export answers). */
export const ZendeskTicket = z.looseObject({
  id: ZendeskId,
  created_at: z.string(),
  updated_at: z.string().nullish(),
  generated_timestamp: z.number().nullish(),
  status: z.string(),
  type: z.string().nullish(),
  priority: z.string().nullish(),
  via: Via.nullish(),
  tags: z.array(z.string()).nullish(),
  satisfaction_rating: z.looseObject({ score: z.string().nullish() }).nullish(),
  requester_id: ZendeskId.nullish(),
  assignee_id: ZendeskId.nullish(),
  group_id: ZendeskId.nullish(),
  organization_id: ZendeskId.nullish(),
  external_id: z.string().nullish(),
  metric_set: ZendeskMetrics.nullish(),
});
export type ZendeskTicket = z.infer<typeof ZendeskTicket>;

export const ZendeskAuditEvent = z.looseObject({
  type: z.string(),
  field_name: z.string().nullish(),
  value: z.unknown().optional(),
  previous_value: z.unknown().optional(),
  author_id: ZendeskId.nullish(),
  public: z.boolean().nullish(),
});
export type ZendeskAuditEvent = z.infer<typeof ZendeskAuditEvent>;

/** One ticket audit (`GET /api/v2/ticket_audits` or `/tickets/{id}/audits`). */
export const ZendeskAudit = z.looseObject({
  ticket_id: ZendeskId,
  created_at: z.string(),
  via: Via.nullish(),
  events: z.array(ZendeskAuditEvent),
});
export type ZendeskAudit = z.infer<typeof ZendeskAudit>;
