import { countKpi, meanKpi, percentileKpi, rateKpi, unavailableKpi, kpi } from '../kpis/build-kpi.js';
import { countWhere } from '../kpis/kpi-population.js';
import { slaVerdict, type SlaHoursLookup } from '../kpis/quality-checks.js';
import type { KpiItem } from '../kpi-item.js';
import { fromMicros } from '../money.js';
import { mean, sortAscending } from '../stats/percentile.js';
import { resolutionTime } from '../verification.js';
import type { BaselineKpis } from './baseline.js';
import { costPerItemMicros, handleHoursFor, type RateCard } from './rate-card.js';

const NO_HANDLED = 'no handled items';
const NO_RESOLVED = 'no resolved items';
const NO_LATENCY = 'no resolved items with a resolution time';
const NO_SLA = 'no resolved items with an SLA verdict or target';

/** What the human-side KPIs need besides the items. */
export interface HumanKpiContext {
  readonly slaHours: SlaHoursLookup;
  readonly rateCard: RateCard;
  readonly seed: number;
}

/**
 * The baseline KPIs of human-handled items with the human definitions of KPIS.md: handled = outcome ≠ open;
 * FCR = resolved with 0 reassignments and 0 reopens ÷ handled; escalation = reassigned at least once ÷
 * handled; reopen = resolved with reopens ÷ resolved; SLA by the source's verdict, else the target.
 */
export function humanKpis(items: readonly KpiItem[], context: HumanKpiContext): BaselineKpis {
  const handled = items.filter((item) => item.outcome !== 'open');
  const resolved = handled.filter((item) => item.outcome === 'resolved');
  const latencies = sortAscending(
    resolved.flatMap((item) => {
      const at = resolutionTime(item);
      return at === null ? [] : [(at - item.openedAt) / 1000];
    }),
  );
  const verdicts = resolved.map((item) => slaVerdict(item, context.slaHours));
  const judged = verdicts.filter((met) => met !== null).length;
  const { seed } = context;
  return {
    items_handled: countKpi(handled.length, handled.length),
    latency_p50_s: percentileKpi(latencies, 0.5, seed, NO_LATENCY),
    latency_p90_s: percentileKpi(latencies, 0.9, seed, NO_LATENCY),
    latency_p95_s: percentileKpi(latencies, 0.95, seed, NO_LATENCY),
    mttr_s: meanKpi(latencies, seed, NO_LATENCY),
    fcr_rate: rateKpi(
      countWhere(resolved, (item) => item.reassignmentCount === 0 && item.reopenCount === 0),
      handled.length,
      NO_HANDLED,
    ),
    escalation_rate: rateKpi(
      countWhere(handled, (item) => item.reassignmentCount > 0),
      handled.length,
      NO_HANDLED,
    ),
    reopen_rate: rateKpi(
      countWhere(resolved, (item) => item.reopenCount > 0),
      resolved.length,
      NO_RESOLVED,
    ),
    sla_adherence: rateKpi(verdicts.filter((met) => met === true).length, judged, NO_SLA),
    sla_breach_rate: rateKpi(verdicts.filter((met) => met === false).length, judged, NO_SLA),
    ...priceKpis(items, context.rateCard),
  };
}

/**
 * cost_per_item and handle_hours: the rate card's price and hours of the work, averaged over every item
 * (open ones too, since the price is the card's, not an observation); no interval, as nothing is sampled.
 */
function priceKpis(
  items: readonly KpiItem[],
  card: RateCard,
): Pick<BaselineKpis, 'cost_per_item' | 'handle_hours'> {
  if (items.length === 0)
    return { cost_per_item: unavailableKpi('no items'), handle_hours: unavailableKpi('no items') };
  const costMicros = Math.round(mean(items.map((item) => costPerItemMicros(card, item))));
  return {
    cost_per_item: kpi(fromMicros(costMicros), null, items.length),
    handle_hours: kpi(meanOfRepeated(items.map((item) => handleHoursFor(card, item))), null, items.length),
  };
}

/** The mean as Σ distinct value × its share, so a cohort whose items share one value gets it back exactly. */
function meanOfRepeated(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let total = 0;
  for (const [v, count] of counts) total += v * (count / values.length);
  return total;
}
