import { z } from 'zod';
import { StoredText } from './text.js';

/**
 * One source event that changes one item (a Jira webhook): its identity in the source, when the
 * source says the change happened (if it does), and the reassignments and reopens the change adds.
 */
export const ItemEvent = z.strictObject({
  id: StoredText.min(1).max(300),
  changedAt: z.number().int().nullable(),
  reassignments: z.number().int().min(0).max(1_000),
  reopens: z.number().int().min(0).max(1_000),
});
export type ItemEvent = z.infer<typeof ItemEvent>;
