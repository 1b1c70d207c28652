import { WorkledgerError } from '../errors.js';
import type { KpiItem } from '../kpi-item.js';
import type { KpiSet } from './kpi-value.js';
import type { AgentScopeLookup } from './coverage.js';
import type { SlaHoursLookup } from './quality-checks.js';
import { tallyItems } from './tally-items.js';
import { kpisFromCells, type CostParts } from './tally-kpis.js';

/** What computeKpis needs for one group of one period (KPIS.md). */
export interface KpiInput {
  /** Every item opened in the period matching the filters, agent- and human-handled. */
  items: readonly KpiItem[];
  /** Epoch ms: verification states are evaluated as of this time. */
  asOf: number;
  durabilityWindowMs: number;
  reworkWindowMs: number;
  /** The workflow's SLA target in hours for a priority, null if none. */
  slaHours: SlaHoursLookup;
  /** An agent's configured scope; null or absent means the cohorts it handled among `items`. */
  agentScope?: AgentScopeLookup;
  /** Total AI cost of the group (allocated, oversight and unallocated), integer micro-units of currency. */
  totalCostMicros: number;
  /** The oversight and unallocated parts of totalCostMicros; both 0 when absent. */
  costParts?: CostParts;
  /** Seed of the bootstrap intervals, so the same input always gives the same numbers. */
  seed: number;
}

/** Every KPI of KPIS.md for one group of items, in the order the API lists them; nothing is rounded. */
export function computeKpis(input: KpiInput): KpiSet {
  validate(input);
  const cells = tallyItems(input.items, input.asOf, input.durabilityWindowMs, {
    reworkWindowMs: input.reworkWindowMs,
    slaHours: input.slaHours,
  });
  return kpisFromCells({
    cells,
    agentScope: input.agentScope,
    totalCostMicros: input.totalCostMicros,
    costParts: input.costParts,
    seed: input.seed,
  });
}

function validate(input: KpiInput): void {
  const finite: [string, number][] = [
    ['asOf', input.asOf],
    ['durabilityWindowMs', input.durabilityWindowMs],
    ['reworkWindowMs', input.reworkWindowMs],
  ];
  for (const [field, value] of finite) {
    if (!Number.isFinite(value))
      throw new WorkledgerError('VALIDATION', `${field} must be finite: ${value}`, field);
  }
  if (input.durabilityWindowMs < 0 || input.reworkWindowMs < 0)
    throw new WorkledgerError('VALIDATION', 'durability and rework windows must not be negative');
  const money: [string, number][] = [
    ['totalCostMicros', input.totalCostMicros],
    ['costParts.oversightMicros', input.costParts?.oversightMicros ?? 0],
    ['costParts.unallocatedMicros', input.costParts?.unallocatedMicros ?? 0],
  ];
  for (const [field, value] of money) {
    if (!Number.isSafeInteger(value))
      throw new WorkledgerError(
        'VALIDATION',
        `${field} must be an integer number of micro-units: ${value}`,
        field,
      );
  }
  const partsMicros = (input.costParts?.oversightMicros ?? 0) + (input.costParts?.unallocatedMicros ?? 0);
  if (partsMicros > input.totalCostMicros)
    throw new WorkledgerError('VALIDATION', 'oversight and unallocated cost are parts of totalCostMicros');
}
