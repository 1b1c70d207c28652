import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { WorkledgerError } from '../domain/errors.js';
import { isRole, type Role } from '../domain/roles.js';
import { StoredText } from '../domain/text.js';
import { findApiKeyByHash, insertApiKey, listApiKeys } from '../store/queries/api-keys.js';
import type { Store } from '../store/connect.js';
import { reader, requirePermission, withTransaction, type Verb, type Ctx } from './context.js';
import { writtenRowLeaf } from './audited-tables.js';
import { emitAudit } from './emit-audit.js';
import { getTenantSettings } from './tenant-settings.js';
import { parseInput } from './parse-input.js';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Create an API key; the key itself is returned once and only its hash is stored. */
export async function createApiKey({ ctx, input }: Verb<{ role: string; name?: string }>): Promise<{
  id: string;
  key: string;
  role: Role;
  tenant_id: string;
}> {
  requirePermission(ctx, 'manage_keys');
  if (!isRole(input.role))
    throw new WorkledgerError('VALIDATION', `role: must be one of admin, operator, ingest, viewer`, 'role');
  const role = input.role;
  const name = parseInput(StoredText.trim().min(1).max(200).optional(), input.name, 'name') ?? null;
  await getTenantSettings(ctx);
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const key = `wl_${randomBytes(32).toString('base64url')}`;
  return withTransaction(ctx, async (tx) => {
    await insertApiKey(tx, {
      tenant_id: ctx.tenantId,
      id,
      key_hash: hashKey(key),
      role,
      name,
      created_at: ctx.now(),
      revoked_at: null,
    });
    await emitAudit(tx, ctx, {
      action: 'api_key.create',
      subject: id,
      detail: { role, name },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'api_key', [id])],
    });
    return { id, key, role, tenant_id: ctx.tenantId };
  });
}

export async function listKeys(ctx: Ctx) {
  requirePermission(ctx, 'manage_keys');
  const rows = await listApiKeys(reader(ctx), ctx.tenantId);
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    name: r.name,
    created_at: r.created_at,
    revoked_at: r.revoked_at,
  }));
}

/** The tenant, key id and role of a presented key; UNAUTHENTICATED for unknown or revoked keys. */
export async function authenticateApiKey(
  store: Store,
  key: string,
): Promise<{ tenantId: string; keyId: string; role: Role }> {
  const row = await findApiKeyByHash(store.db, hashKey(key));
  if (!row || row.revoked_at !== null || !isRole(row.role))
    throw new WorkledgerError('UNAUTHENTICATED', 'unknown or revoked API key');
  return { tenantId: row.tenant_id, keyId: row.id, role: row.role };
}
