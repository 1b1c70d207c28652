import type { KpiItem } from '../kpi-item.js';
import { resolutionTime } from '../verification.js';

/** The workflow's SLA target in hours for a priority, or null when it has none. */
export type SlaHoursLookup = (workflow: string | null, priority: number | null) => number | null;

const HOUR_MS = 3_600_000;

/**
 * Whether a resolved item met its SLA: what the source said when it said something, else the
 * resolution time against the workflow's target; null (left out) when neither is known.
 */
export function slaVerdict(item: KpiItem, slaHours: SlaHoursLookup): boolean | null {
  if (item.slaMet !== null) return item.slaMet;
  const targetHours = slaHours(item.workflow, item.priority);
  const resolved = resolutionTime(item);
  if (targetHours === null || resolved === null) return null;
  return resolved - item.openedAt <= targetHours * HOUR_MS;
}

/** Whether a follow-up or caused-by item was opened within the rework window after resolution. */
export function causedRework(item: KpiItem, reworkWindowMs: number): boolean {
  const resolved = resolutionTime(item);
  if (item.reworkOpenedAt === null || resolved === null) return false;
  return item.reworkOpenedAt - resolved <= reworkWindowMs;
}
