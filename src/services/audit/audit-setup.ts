import type { InstanceKey } from '../../domain/audit/instance-key.js';
import type { WebhookPoster } from './send-checkpoint.js';

/**
 * What the audit verbs get from the composition root: the instance key read from its file outside
 * the database (null when not configured), and how to post checkpoints to a webhook (null: not now).
 */
export interface AuditSetup {
  key: InstanceKey | null;
  post: WebhookPoster | null;
}
