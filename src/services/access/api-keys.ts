import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { WorkledgerError } from '../../domain/errors.js';
import { isRole, type Role } from '../../domain/roles.js';
import { StoredText } from '../../domain/text.js';
import {
  findApiKeyByHash,
  getApiKey,
  insertApiKey,
  listApiKeys,
  setApiKeyRevoked,
  type ApiKeyRow,
} from '../../store/queries/api-keys.js';
import type { Store } from '../../store/connect.js';
import { reader, requirePermission, withTransaction, type Verb, type Ctx } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { getTenantSettings } from '../config/tenant-settings.js';
import { parseInput } from '../parse-input.js';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The longest a key may live: ten years. */
const MAX_KEY_LIFETIME_MS = 10 * 366 * 86_400_000;

/**
 * A key lifetime as `--expires-in` and `expires_in` give it: a whole number of days (`90d`) or hours
 * (`12h`), at most ten years.
 */
export function parseKeyLifetime(text: string): number {
  const match = /^(\d{1,6})([dh])$/.exec(text.trim());
  const count = match ? Number(match[1]) : 0;
  if (!match || count <= 0)
    throw new WorkledgerError(
      'VALIDATION',
      `expires_in: a whole number of days or hours, like 90d or 12h (got '${text.slice(0, 40)}')`,
      'expires_in',
    );
  const ms = count * (match[2] === 'd' ? 86_400_000 : 3_600_000);
  if (ms > MAX_KEY_LIFETIME_MS)
    throw new WorkledgerError('VALIDATION', 'expires_in: at most ten years (3660d)', 'expires_in');
  return ms;
}

/** What an operator sees of a key: never the key itself nor its hash. */
export interface ApiKeyView {
  id: string;
  role: Role;
  name: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** `active`, or why the key no longer authenticates. */
  status: 'active' | 'revoked' | 'expired';
}

/**
 * Create an API key; the key itself is returned once and only its hash is stored. With `expiresIn`
 * (`90d`, `12h`) it stops authenticating after that long.
 */
export async function createApiKey({
  ctx,
  input,
}: Verb<{ role: string; name?: string; expiresIn?: string }>): Promise<{
  id: string;
  key: string;
  role: Role;
  tenant_id: string;
  expires_at: string | null;
}> {
  requirePermission(ctx, 'manage_keys');
  if (!isRole(input.role))
    throw new WorkledgerError('VALIDATION', `role: must be one of admin, operator, ingest, viewer`, 'role');
  const role = input.role;
  const name = parseInput(StoredText.trim().min(1).max(200).optional(), input.name, 'name') ?? null;
  const lifetime = input.expiresIn === undefined ? null : parseKeyLifetime(input.expiresIn);
  await getTenantSettings(ctx);
  const id = `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const key = `wl_${randomBytes(32).toString('base64url')}`;
  const now = ctx.now();
  const expiresAt = lifetime === null ? null : now + lifetime;
  return withTransaction(ctx, async (tx) => {
    await insertApiKey(tx, {
      tenant_id: ctx.tenantId,
      id,
      key_hash: hashKey(key),
      role,
      name,
      created_at: now,
      revoked_at: null,
      expires_at: expiresAt,
    });
    await emitAudit(tx, ctx, {
      action: 'api_key.create',
      subject: id,
      detail: {
        role,
        name,
        ...(expiresAt === null ? {} : { expires_at: new Date(expiresAt).toISOString() }),
      },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'api_key', [id])],
    });
    return {
      id,
      key,
      role,
      tenant_id: ctx.tenantId,
      expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    };
  });
}

export async function listKeys(ctx: Ctx): Promise<ApiKeyView[]> {
  requirePermission(ctx, 'manage_keys');
  const rows = await listApiKeys(reader(ctx), ctx.tenantId);
  const now = ctx.now();
  return rows.map((r) => keyView(r, now));
}

/**
 * Revoke a key: it stops authenticating at once, for good (audited). Revoking a revoked key changes
 * nothing and answers it as it is.
 */
export async function revokeApiKey({ ctx, input }: Verb<{ id: string }>): Promise<ApiKeyView> {
  requirePermission(ctx, 'manage_keys');
  const id = parseInput(StoredText.trim().min(1).max(200), input.id, 'id');
  return withTransaction(ctx, async (tx) => {
    const row = await getApiKey(tx, ctx.tenantId, id);
    if (!row) throw new WorkledgerError('NOT_FOUND', `id: no API key ${id} in this tenant`, 'id');
    if (row.revoked_at !== null) return keyView(row, ctx.now());
    const now = ctx.now();
    await setApiKeyRevoked(tx, ctx.tenantId, id, now);
    await emitAudit(tx, ctx, {
      action: 'api_key.revoke',
      subject: id,
      detail: { role: row.role, name: row.name },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'api_key', [id])],
    });
    return keyView({ ...row, revoked_at: now }, now);
  });
}

function keyView(row: ApiKeyRow, now: number): ApiKeyView {
  if (!isRole(row.role))
    throw new WorkledgerError('INTERNAL', `key ${row.id} has an unknown role ${row.role}`);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    created_at: new Date(row.created_at).toISOString(),
    expires_at: iso(row.expires_at),
    revoked_at: iso(row.revoked_at),
    status:
      row.revoked_at !== null
        ? 'revoked'
        : row.expires_at !== null && row.expires_at <= now
          ? 'expired'
          : 'active',
  };
}

/** The tenant, key id and role of a presented key; UNAUTHENTICATED for unknown or revoked keys. */
export async function authenticateApiKey(
  store: Store,
  key: string,
  now: number,
): Promise<{ tenantId: string; keyId: string; role: Role }> {
  const row = await findApiKeyByHash(store.db, hashKey(key));
  if (!row || row.revoked_at !== null || !isRole(row.role))
    throw new WorkledgerError('UNAUTHENTICATED', 'unknown or revoked API key');
  if (row.expires_at !== null && row.expires_at <= now)
    throw new WorkledgerError(
      'UNAUTHENTICATED',
      `API key ${row.id} expired at ${new Date(row.expires_at).toISOString()}; ask an admin for a new one`,
    );
  return { tenantId: row.tenant_id, keyId: row.id, role: row.role };
}
