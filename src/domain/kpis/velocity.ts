import type { KpiItem } from '../kpi-item.js';
import { resolutionTime } from '../verification.js';
import type { KpiSet } from './kpi-value.js';
import { sortAscending } from '../stats/percentile.js';
import { meanKpi, percentileKpi } from './build-kpi.js';
import type { KpiPopulation } from './kpi-population.js';

type VelocityKpis = Pick<
  KpiSet,
  'latency_p50_s' | 'latency_p90_s' | 'latency_p95_s' | 'mttr_s' | 'first_response_p50_s'
>;

const NO_LATENCY = 'no resolved items with a resolution time';
const NO_FIRST_RESPONSE = 'no agent-handled items with a first response';

/**
 * Latency percentiles and MTTR over agent-resolved items (resolution time − opened, seconds), and the
 * median time to first response over agent-handled items, each with a seeded bootstrap interval.
 */
export function velocityKpis(population: KpiPopulation, seed: number): VelocityKpis {
  const latencies = sortAscending(secondsSinceOpened(population.resolved, resolutionTime));
  const firstResponses = sortAscending(
    secondsSinceOpened(population.agentHandled, (item) => item.firstResponseAt),
  );
  return {
    latency_p50_s: percentileKpi(latencies, 0.5, seed, NO_LATENCY),
    latency_p90_s: percentileKpi(latencies, 0.9, seed, NO_LATENCY),
    latency_p95_s: percentileKpi(latencies, 0.95, seed, NO_LATENCY),
    mttr_s: meanKpi(latencies, seed, NO_LATENCY),
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
