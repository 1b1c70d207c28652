import { z } from 'zod';
import type { KpiItem } from '../kpi-item.js';

/** The item fields a cohort can be keyed by (KPIS.md, Baseline: workflow × category × priority, optionally channel). */
export const COHORT_FIELDS = ['workflow', 'category', 'priority', 'channel'] as const;
export const CohortField = z.enum(COHORT_FIELDS);
export type CohortField = z.infer<typeof CohortField>;

/** Cohort keying of a baseline unless asked otherwise: channel is optional in KPIS.md, so it is left out. */
export const DEFAULT_COHORT_BY: readonly CohortField[] = ['workflow', 'category', 'priority'];

/** An item's cohort: its values of the cohort fields (null when the item has none). */
export type ItemCohort = Pick<KpiItem, CohortField>;

/** A cohort's key: the keyed fields only, each the items' shared value or null. */
export const CohortKey = z.strictObject({
  workflow: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  priority: z.number().int().nullable().optional(),
  channel: z.string().nullable().optional(),
});
export type CohortKey = z.infer<typeof CohortKey>;

/** The key of an item's cohort under `fields`. */
export function cohortKeyOf(item: ItemCohort, fields: readonly CohortField[]): CohortKey {
  const key: CohortKey = {};
  for (const field of fields) {
    if (field === 'priority') key.priority = item.priority;
    else key[field] = item[field];
  }
  return key;
}

/** A string that identifies a key under `fields`, for maps; missing fields read as null. */
export function cohortKeyId(key: CohortKey, fields: readonly CohortField[]): string {
  return JSON.stringify(fields.map((field) => key[field] ?? null));
}

/** A readable name of a cohort for warnings and reasons, e.g. `workflow=it, category=password, priority=3`. */
export function describeCohort(key: CohortKey, fields: readonly CohortField[]): string {
  return fields.map((field) => `${field}=${String(key[field] ?? '(none)')}`).join(', ');
}
