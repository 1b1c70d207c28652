import type { Kysely } from 'kysely';
import { getTenant } from '../../store/queries/tenants.js';
import type { Database } from '../../store/schema.js';
import { WorkledgerError } from '../../domain/errors.js';
import { slaHoursLookup } from '../config/sla-hours.js';
import type { RollupSettings } from './apply-item-rollups.js';

/** What a writer of items needs to keep rollups: the tenant's zone and windows, its SLA targets. */
export interface ItemWriteSettings extends RollupSettings {
  readonly durabilityWindowMs: number;
}

/** Read the settings once per batch (the tenant row and its workflows' SLA targets). */
export async function itemWriteSettings(
  db: Kysely<Database>,
  tenantId: string,
  now: number,
): Promise<ItemWriteSettings> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new WorkledgerError('NOT_FOUND', `tenant ${tenantId} does not exist`, 'tenant');
  return {
    now,
    timeZone: tenant.time_zone,
    durabilityWindowMs: tenant.durability_window_ms,
    reworkWindowMs: tenant.rework_window_ms,
    slaHours: await slaHoursLookup(db, tenantId),
  };
}
