import { parseOutcome, type KpiItem } from '../domain/kpi-item.js';
import type { KpiTallyRow } from './queries/items-read.js';

function bool(value: number | null): boolean | null {
  return value === null ? null : value !== 0;
}

/** A stored row as the KPI engine's item. */
export function toKpiItem(row: KpiTallyRow): KpiItem {
  return {
    id: row.id,
    workflow: row.workflow,
    category: row.category,
    priority: row.priority,
    channel: row.channel,
    openedAt: row.opened_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    reassignmentCount: row.reassignment_count,
    reopenCount: row.reopen_count,
    handledBy: row.handled_by,
    outcome: parseOutcome(row.outcome),
    stateChangeVerified: bool(row.state_change_verified),
    csat: row.csat,
    slaMet: bool(row.sla_met),
    reversedAt: row.reversed_at,
    disputedAt: row.disputed_at,
    reworkOpenedAt: row.rework_opened_at,
    handoffMinutes: row.handoff_minutes,
  };
}
