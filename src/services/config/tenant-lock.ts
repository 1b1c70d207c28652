import { lockTenant } from '../../store/queries/tenants.js';
import { withTransaction, type Ctx } from '../context.js';

/**
 * Run `fn` in one transaction (the caller's or a new one) that first takes the tenant's write lock, so
 * a read-modify-write reads what every earlier writer committed and no other writer runs until it ends.
 */
export async function withTenantLock<T>(ctx: Ctx, fn: (locked: Ctx) => Promise<T>): Promise<T> {
  return withTransaction(ctx, async (tx) => {
    await lockTenant(tx, ctx.tenantId, ctx.store.dialect.supportsRowLocks);
    return fn({ ...ctx, tx });
  });
}
