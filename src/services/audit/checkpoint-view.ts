import type { SignedCheckpoint } from '../../domain/audit/checkpoint.js';
import { toIso } from '../../domain/time.js';
import type { AuditCheckpointRow } from '../../store/queries/audit-checkpoints.js';

/** A stored checkpoint as it was signed and is handed out (CLI, API, webhook). */
export function checkpointView(row: AuditCheckpointRow): SignedCheckpoint {
  return {
    tenant: row.tenant_id,
    seq: row.seq,
    head_hash: row.head_hash,
    at: toIso(row.at),
    key_id: row.key_id,
    signature: row.signature,
  };
}
