import type { KpiItem } from '../kpi-item.js';
import { resolutionTime } from '../verification.js';
import type { KpiSet } from './kpi-value.js';
import { meanKpi, rateKpi } from './build-kpi.js';
import { countWhere, type KpiPopulation } from './kpi-population.js';

/** The workflow's SLA target in hours for a priority, or null when it has none. */
export type SlaHoursLookup = (workflow: string | null, priority: number | null) => number | null;

type QualityCheckKpis = Pick<
  KpiSet,
  'sla_adherence' | 'state_change_verified_rate' | 'csat_mean' | 'csat_response_rate' | 'rework_rate'
>;

const HOUR_MS = 3_600_000;
const NO_RESOLVED = 'no resolved items';

/** The quality KPIs checked against something outside the outcome: SLA, system checks, CSAT, rework. */
export function qualityCheckKpis(
  population: KpiPopulation,
  options: { slaHours: SlaHoursLookup; reworkWindowMs: number; seed: number },
): QualityCheckKpis {
  const { resolved, agentHandled } = population;
  const slaVerdicts = resolved.map((item) => slaVerdict(item, options.slaHours));
  const checked = resolved.filter((item) => item.stateChangeVerified !== null);
  const csats = agentHandled.flatMap((item) => (item.csat === null ? [] : [item.csat]));

  return {
    sla_adherence: rateKpi(
      slaVerdicts.filter((met) => met === true).length,
      slaVerdicts.filter((met) => met !== null).length,
      'no resolved items with an SLA verdict or target',
    ),
    state_change_verified_rate: rateKpi(
      countWhere(checked, (item) => item.stateChangeVerified === true),
      checked.length,
      'no resolved items report a state-change check',
    ),
    csat_mean: meanKpi(csats, options.seed, 'no agent-handled items with csat'),
    csat_response_rate: rateKpi(
      countWhere(resolved, (item) => item.csat !== null),
      resolved.length,
      NO_RESOLVED,
    ),
    rework_rate: rateKpi(
      countWhere(resolved, (item) => causedRework(item, options.reworkWindowMs)),
      resolved.length,
      NO_RESOLVED,
    ),
  };
}

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
