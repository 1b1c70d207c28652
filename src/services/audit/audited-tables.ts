import type { Kysely } from 'kysely';
import {
  agentRowDigest,
  apiKeyRowDigest,
  checkpointWebhookRowDigest,
  deploymentRowDigest,
  importWatermarkRowDigest,
  modelPriceRowDigest,
  rateCardRowDigest,
  reportDeliverySettingsRowDigest,
  tenantRowDigest,
  userRowDigest,
  webhookSecretRowDigest,
  workflowRowDigest,
} from '../../domain/audit/config-row-digest.js';
import type { RowFamily } from '../../domain/audit/leaf-subject.js';
import { baselineRowDigest, costRowDigest } from '../../domain/audit/row-digest.js';
import { WorkledgerError } from '../../domain/errors.js';
import {
  getAuditedRow,
  listLinksOfItems,
  type RowKey,
  type RowOf,
} from '../../store/queries/audited-rows.js';
import type { Database } from '../../store/schema.js';
import { itemDigests, rowLeaf, type RowLeaf } from './row-leaf.js';

/** How verification reads one row family: the digest of its stored rows and a name for messages. */
export interface FamilyAudit<F extends RowFamily> {
  /** Digests of stored rows, in their order (items read their links for it). */
  digests(db: Kysely<Database>, tenantId: string, rows: readonly RowOf<F>[]): Promise<string[]>;
  /** How a message names a stored row, e.g. `item servicenow/INC001 (itm_…)`. */
  label(row: RowOf<F>): string;
  /** How a message names a row that is gone, from its key. */
  noun: string;
}

function each<F extends RowFamily>(
  digest: (row: RowOf<F>) => string,
  noun: string,
  label: (row: RowOf<F>) => string,
): FamilyAudit<F> {
  return { digests: async (_db, _tenant, rows) => rows.map(digest), label, noun };
}

/** The one digest and label per family; `audit verify` and every writer use these. */
export const FAMILY_AUDITS: { [F in RowFamily]: FamilyAudit<F> } = {
  tenant: each(tenantRowDigest, 'tenant settings', (r) => `tenant settings (${r.id})`),
  api_key: each(apiKeyRowDigest, 'API key', (r) => `API key ${r.id}`),
  user: each(userRowDigest, 'user', (r) => `user ${r.email} (${r.id})`),
  workflow: each(workflowRowDigest, 'workflow', (r) => `workflow ${r.id}`),
  agent: each(agentRowDigest, 'agent', (r) => `agent ${r.id}`),
  model_price: each(modelPriceRowDigest, 'model price', (r) => `model price ${r.model}`),
  rate_card: each(rateCardRowDigest, 'rate card', (r) => `rate card ${r.id}`),
  deployment: each(deploymentRowDigest, 'deployment', (r) => `deployment ${r.agent_id}/${r.workflow}`),
  baseline: each(baselineRowDigest, 'baseline', (r) => `baseline version ${r.version} (${r.id})`),
  webhook_secret: each(webhookSecretRowDigest, 'webhook secret', (r) => `webhook secret ${r.source}`),
  report_deliveries: each(
    reportDeliverySettingsRowDigest,
    'report delivery settings',
    () => 'report delivery settings',
  ),
  import_watermark: each(
    importWatermarkRowDigest,
    'import watermark',
    (r) => `import watermark ${r.source} ${r.instance}`,
  ),
  checkpoint_webhook: each(checkpointWebhookRowDigest, 'checkpoint webhook', () => 'checkpoint webhook'),
  item: {
    digests: async (db, tenantId, rows) =>
      itemDigests(
        rows,
        await listLinksOfItems(
          db,
          tenantId,
          rows.map((r) => r.id),
        ),
      ),
    label: (r) => `item ${r.source}/${r.external_id} (${r.id})`,
    noun: 'item',
  },
  cost: each(costRowDigest, 'cost', (r) => `cost ${r.id}`),
};

/** How a message names the row of `family` with `key` when only its key is known. */
export function labelOfKey(family: RowFamily, key: RowKey): string {
  return `${FAMILY_AUDITS[family].noun} ${key.join('/')}`;
}

/** The digest of one stored row of `family`, or undefined when there is no such row. */
export async function storedRowDigest<F extends RowFamily>(
  db: Kysely<Database>,
  tenantId: string,
  family: F,
  key: RowKey,
): Promise<{ row: RowOf<F>; digest: string } | undefined> {
  const row = await getAuditedRow(db, family, tenantId, key);
  if (row === undefined) return undefined;
  const [digest] = await FAMILY_AUDITS[family].digests(db, tenantId, [row]);
  return digest === undefined ? undefined : { row, digest };
}

/**
 * The leaf of a row just written in `db` (the open transaction), read back so the leaf commits the row
 * exactly as stored, whatever defaults or conflict rules the write applied.
 */
export async function writtenRowLeaf(
  db: Kysely<Database>,
  tenantId: string,
  family: RowFamily,
  key: RowKey,
): Promise<RowLeaf> {
  const stored = await storedRowDigest(db, tenantId, family, key);
  if (!stored)
    throw new WorkledgerError('INTERNAL', `${labelOfKey(family, key)} was written but cannot be read back`);
  return rowLeaf(family, key, stored.digest);
}
