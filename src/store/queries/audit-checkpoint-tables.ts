/**
 * The tables of migration 007 (signed checkpoints and where they are sent), merged into the one
 * `Database` type so their queries are typed like every other.
 */
declare module '../schema.js' {
  interface Database {
    audit_checkpoints: AuditCheckpointTable;
    audit_checkpoint_webhooks: AuditCheckpointWebhookTable;
  }
}

/** One signed checkpoint: the tenant's chain sealed up to entry `seq`, whose hash is `head_hash`. */
export interface AuditCheckpointTable {
  tenant_id: string;
  seq: number;
  head_hash: string;
  /** When it was sealed (epoch ms); signed as its ISO-8601 text. */
  at: number;
  key_id: string;
  /** Base64 Ed25519 signature of the checkpoint's canonical JSON. */
  signature: string;
  /** Bookkeeping of the copy sent to the tenant's webhook; not signed. */
  delivered_at: number | null;
  delivery_error: string | null;
}

/**
 * Per tenant: the webhook that receives a copy of each checkpoint, signed with HMAC when `secret` is set;
 * `url` null once cleared (the row stays, so the audited history of the setting stays whole).
 */
export interface AuditCheckpointWebhookTable {
  tenant_id: string;
  url: string | null;
  secret: string | null;
  updated_at: number;
}
