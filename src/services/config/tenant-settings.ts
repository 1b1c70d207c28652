import { WorkledgerError } from '../../domain/errors.js';
import { getTenant, listTenants as listTenantRows, type TenantRow } from '../../store/queries/tenants.js';
import type { Store } from '../../store/connect.js';
import { reader, type Ctx } from '../context.js';

/** The tenant of `ctx`, or NOT_FOUND. */
export async function getTenantSettings(ctx: Ctx): Promise<TenantRow> {
  const tenant = await getTenant(reader(ctx), ctx.tenantId);
  if (!tenant) throw new WorkledgerError('NOT_FOUND', `tenant ${ctx.tenantId} does not exist`, 'tenant');
  return tenant;
}

/** All tenants of the installation (operator-only: the CLI on the server). */
export async function listTenants(store: Store): Promise<TenantRow[]> {
  return listTenantRows(store.db);
}
