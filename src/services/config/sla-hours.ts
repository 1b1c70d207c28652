import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';
import { listWorkflows, type WorkflowRow } from '../../store/queries/workflows.js';

export type SlaHoursLookup = (workflow: string | null, priority: number | null) => number | null;

/** The workflows' SLA targets as a lookup by (workflow, priority). */
export async function slaHoursLookup(db: Kysely<Database>, tenantId: string): Promise<SlaHoursLookup> {
  return slaHoursOf(await listWorkflows(db, tenantId));
}

/** The SLA lookup of workflow rows already read. */
export function slaHoursOf(workflows: readonly Pick<WorkflowRow, 'id' | 'sla_hours'>[]): SlaHoursLookup {
  const sla = new Map(
    workflows.map((w) => [w.id, z.record(z.string(), z.number()).parse(JSON.parse(w.sla_hours))]),
  );
  return (workflow, priority) =>
    workflow === null || priority === null ? null : (sla.get(workflow)?.[String(priority)] ?? null);
}
