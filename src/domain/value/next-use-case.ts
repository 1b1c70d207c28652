import type { Baseline } from '../baseline/baseline.js';
import { WorkledgerError } from '../errors.js';
import type { KpiItem } from '../kpi-item.js';
import { MICROS } from '../money.js';
import { isAgentHandled } from '../verification.js';
import { BENCHMARKS } from './benchmarks.js';
import { monthsBetween } from './months.js';

/** The default achievable automation rate: the low end of the 60–80% tier-1 benchmark. */
export const DEFAULT_AUTOMATION_RATE = BENCHMARKS.tier1_autonomous_resolution.low;

/** What rankNextUseCases reads: the baseline's volumes and costs, and what the agents already handle. */
export interface NextUseCaseInput {
  readonly baseline: Baseline;
  /** Agent items of any period: a workflow × category with one of them counts as automated. */
  readonly agentItems: readonly Pick<KpiItem, 'workflow' | 'category' | 'handledBy'>[];
  /** The achievable automation rate (0..1); wins over agentContainmentRates. */
  readonly automationRate?: number;
  /** The containment rates of the tenant's agents; their mean is the rate when none is given. */
  readonly agentContainmentRates?: readonly number[];
}

/** A workflow × category not yet automated, with its projected monthly value. */
export interface UseCaseCandidate {
  readonly workflow: string | null;
  readonly category: string | null;
  /** Handled items per average month of the baseline window. */
  readonly monthly_volume: number;
  /** Volume-weighted baseline cost per item, currency units. */
  readonly baseline_cost_per_item: number;
  /** monthly_volume × baseline_cost_per_item × automation rate, currency units. */
  readonly projected_monthly_value: number;
}

/** The ranking and the automation rate it assumed. */
export interface NextUseCaseRanking {
  readonly automation_rate: number;
  readonly automation_rate_source: 'parameter' | 'mean agent containment' | 'benchmark low end';
  readonly candidates: readonly UseCaseCandidate[];
}

/**
 * Rank the workflow × category cohorts of the baseline that no agent handles by projected monthly value
 * = monthly volume × baseline cost per item × achievable automation rate, highest first. Finer baseline
 * cohorts (priority, channel) are summed; a field the baseline is not keyed by reads as null.
 */
export function rankNextUseCases(input: NextUseCaseInput): NextUseCaseRanking {
  const { rate, source } = automationRate(input);
  const months = monthsBetween(input.baseline.from, input.baseline.to);
  const keyedBy = (field: 'workflow' | 'category') => input.baseline.cohort_by.includes(field);
  const idOf = (workflow: string | null, category: string | null) =>
    JSON.stringify([keyedBy('workflow') ? workflow : null, keyedBy('category') ? category : null]);
  const automated = new Set(
    input.agentItems.filter(isAgentHandled).map((item) => idOf(item.workflow, item.category)),
  );
  const groups = new Map<
    string,
    { workflow: string | null; category: string | null; handled: number; costMicros: number }
  >();
  for (const cohort of input.baseline.cohorts) {
    const workflow = cohort.key.workflow ?? null;
    const category = cohort.key.category ?? null;
    const id = idOf(workflow, category);
    const handled = cohort.kpis.items_handled.value ?? 0;
    const cost = cohort.kpis.cost_per_item.value;
    if (automated.has(id) || handled === 0 || cost === null) continue;
    const group = groups.get(id) ?? { workflow, category, handled: 0, costMicros: 0 };
    group.handled += handled;
    group.costMicros += handled * Math.round(cost * MICROS);
    groups.set(id, group);
  }
  const candidates = [...groups.values()].map((g) => {
    const costPerItemMicros = g.costMicros / g.handled;
    const monthlyVolume = g.handled / months;
    return {
      workflow: g.workflow,
      category: g.category,
      monthly_volume: monthlyVolume,
      baseline_cost_per_item: Math.round(costPerItemMicros) / MICROS,
      projected_monthly_value: Math.round(monthlyVolume * costPerItemMicros * rate) / MICROS,
    };
  });
  candidates.sort(
    (a, b) =>
      b.projected_monthly_value - a.projected_monthly_value ||
      compareText(a.workflow, b.workflow) ||
      compareText(a.category, b.category),
  );
  return { automation_rate: rate, automation_rate_source: source, candidates };
}

function automationRate(input: NextUseCaseInput): {
  rate: number;
  source: NextUseCaseRanking['automation_rate_source'];
} {
  if (input.automationRate !== undefined) {
    if (!(input.automationRate >= 0 && input.automationRate <= 1))
      throw new WorkledgerError(
        'VALIDATION',
        `automationRate must be in [0, 1]: ${input.automationRate}`,
        'automationRate',
      );
    return { rate: input.automationRate, source: 'parameter' };
  }
  const rates = input.agentContainmentRates ?? [];
  if (rates.some((r) => !(r >= 0 && r <= 1)))
    throw new WorkledgerError('VALIDATION', 'containment rates must be in [0, 1]', 'agentContainmentRates');
  if (rates.length === 0) return { rate: DEFAULT_AUTOMATION_RATE, source: 'benchmark low end' };
  return { rate: rates.reduce((sum, r) => sum + r, 0) / rates.length, source: 'mean agent containment' };
}

function compareText(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '');
}
