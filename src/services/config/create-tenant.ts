import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_DURABILITY_WINDOW_MS, DEFAULT_REWORK_WINDOW_MS } from '../../domain/verification.js';
import { WorkledgerError } from '../../domain/errors.js';
import { StoredText } from '../../domain/text.js';
import { insertTenant, type TenantRow } from '../../store/queries/tenants.js';
import { saveRollupState } from '../../store/rollups/rollup-queries.js';
import type { Store } from '../../store/connect.js';
import { withTransaction, type Actor } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';

export const CreateTenantInput = z.strictObject({
  name: StoredText.trim().min(1).max(200),
  time_zone: StoredText.max(100).default('UTC'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code like USD')
    .default('USD'),
  durability_window_days: z
    .number()
    .positive()
    .max(365)
    .default(DEFAULT_DURABILITY_WINDOW_MS / 86_400_000),
});
export type CreateTenantInput = z.input<typeof CreateTenantInput>;

/** Create a tenant; only the operator of the installation (CLI or a system job) may. */
export async function createTenant({
  store,
  actor,
  now,
  input,
}: {
  store: Store;
  actor: Actor;
  now: () => number;
  input: CreateTenantInput;
}): Promise<TenantRow> {
  if (actor.kind !== 'cli' && actor.kind !== 'system')
    throw new WorkledgerError(
      'FORBIDDEN',
      'tenants are created by the installation operator (workledger tenants create)',
    );
  const parsed = CreateTenantInput.parse(input);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: parsed.time_zone });
  } catch {
    throw new WorkledgerError(
      'VALIDATION',
      `time_zone: unknown IANA time zone ${parsed.time_zone}`,
      'time_zone',
    );
  }
  const row: TenantRow = {
    id: `ten_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    name: parsed.name,
    time_zone: parsed.time_zone,
    currency: parsed.currency,
    durability_window_ms: Math.round(parsed.durability_window_days * 86_400_000),
    rework_window_ms: DEFAULT_REWORK_WINDOW_MS,
    created_at: now(),
  };
  const ctx = { store, tenantId: row.id, actor, requestId: 'tenant-create', now };
  return withTransaction(ctx, async (tx) => {
    await insertTenant(tx, row);
    // A new tenant has no items: its (empty) rollups are ready at once.
    await saveRollupState(tx, {
      tenant_id: row.id,
      status: 'ready',
      cursor: null,
      updated_at: row.created_at,
    });
    await emitAudit(tx, ctx, {
      action: 'tenant.create',
      subject: row.id,
      detail: { after: row },
      leaves: [await writtenRowLeaf(tx, row.id, 'tenant', [row.id])],
    });
    return row;
  });
}
