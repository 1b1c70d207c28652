import type { KpiSet } from './kpi-value.js';
import { countKpi } from './build-kpi.js';
import type { KpiPopulation } from './kpi-population.js';

/** items_handled, items_open and n_provisional: counts, each with the population it was counted from as n. */
export function volumeKpis(
  population: KpiPopulation,
): Pick<KpiSet, 'items_handled' | 'items_open' | 'n_provisional'> {
  const handled = population.handled.length;
  return {
    items_handled: countKpi(handled, handled),
    // open items are a share of everything the agents took on, handled or not
    items_open: countKpi(population.open.length, population.agentHandled.length),
    n_provisional: countKpi(population.states.provisional, handled),
  };
}
