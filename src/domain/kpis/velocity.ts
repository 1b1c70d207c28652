import type { KpiItem } from '../kpi-item.js';
import { resolutionTime } from '../verification.js';
import type { KpiSet } from './kpi-value.js';
import { sortAscending } from '../stats/percentile.js';
import { meanKpi, percentileKpi } from './build-kpi.js';
import type { KpiPopulation } from './kpi-population.js';

type VelocityKpis = Pick<
  KpiSet,
  | 'latency_p50_s'
  | 'latency_p90_s'
  | 'latency_p95_s'
  | 'mttr_s'
  | 'e2e_mttr_s'
  | 'e2e_latency_p50_s'
  | 'e2e_latency_p90_s'
  | 'first_response_p50_s'
>;

const NO_LATENCY = 'no resolved items with a resolution time';
const NO_E2E = 'no agent-handled items resolved by the agent or by a human after escalation';
const NO_FIRST_RESPONSE = 'no agent-handled items with a first response';

/**
 * Latency percentiles and MTTR over agent-resolved items (resolution time − opened, seconds); the same
 * end to end over every agent item resolved by anyone (the like-for-like figure beside the human
 * baseline's MTTR); the median time to first response; each with a seeded bootstrap interval.
 */
export function velocityKpis(population: KpiPopulation, seed: number): VelocityKpis {
  const latencies = sortAscending(secondsSinceOpened(population.resolved, resolutionTime));
  const endToEnd = sortAscending(secondsSinceOpened(population.endToEnd, resolutionTime));
  const firstResponses = sortAscending(
    secondsSinceOpened(population.agentHandled, (item) => item.firstResponseAt),
  );
  return {
    latency_p50_s: percentileKpi(latencies, 0.5, seed, NO_LATENCY),
    latency_p90_s: percentileKpi(latencies, 0.9, seed, NO_LATENCY),
    latency_p95_s: percentileKpi(latencies, 0.95, seed, NO_LATENCY),
    mttr_s: meanKpi(latencies, seed, NO_LATENCY),
    e2e_mttr_s: meanKpi(endToEnd, seed, NO_E2E),
    e2e_latency_p50_s: percentileKpi(endToEnd, 0.5, seed, NO_E2E),
    e2e_latency_p90_s: percentileKpi(endToEnd, 0.9, seed, NO_E2E),
    first_response_p50_s: percentileKpi(firstResponses, 0.5, seed, NO_FIRST_RESPONSE),
  };
}

/** Seconds from opened to `end` for the items that have an end. */
function secondsSinceOpened(items: readonly KpiItem[], end: (item: KpiItem) => number | null): number[] {
  const seconds: number[] = [];
  for (const item of items) {
    const at = end(item);
    if (at !== null) seconds.push((at - item.openedAt) / 1000);
  }
  return seconds;
}
