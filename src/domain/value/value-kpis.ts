import type { Baseline } from '../baseline/baseline.js';
import { describeCohort, type CohortKey } from '../baseline/cohort-key.js';
import { loadedHourlyRateMicros, slaPenaltyMicros, type RateCard } from '../baseline/rate-card.js';
import { WorkledgerError } from '../errors.js';
import type { KpiItem } from '../kpi-item.js';
import { kpi, unavailableKpi } from '../kpis/build-kpi.js';
import type { BaselineValueKpiName, KpiSet, KpiValue } from '../kpis/kpi-value.js';
import type { SlaHoursLookup } from '../kpis/quality-checks.js';
import { fromMicros } from '../money.js';
import { agentMix, type AgentMix } from './agent-mix.js';
import { tallyItems } from '../kpis/tally-items.js';
import type { TallyCell } from '../kpis/tally.js';
import { accuracyBound, upperReworkCostMicros, type AccuracyBound } from './risk-adjusted.js';

/** The value KPIs of KPIS.md that compare an agent with its baseline. */
export type ValueKpiSet = Pick<KpiSet, BaselineValueKpiName>;

/** Since-go-live totals for cumulative ROI and payback; net savings as computeValueKpis gives them. */
export interface SinceGoLive {
  readonly netSavingsMicros: number;
  readonly totalCostMicros: number;
  readonly months: number;
  /** The part of totalCostMicros that is amortised one-time cost; default 0. */
  readonly amortisedOneTimeCostMicros?: number;
}

/** The period as items, classified as of `asOf` (tests and small reads). */
interface ValueItems {
  /** The period's items (opened in it); only agent-handled ones are read. */
  readonly items: readonly KpiItem[];
  readonly asOf: number;
  readonly durabilityWindowMs: number;
  readonly reworkWindowMs: number;
  readonly slaHours: SlaHoursLookup;
}

/** The period as tallies by handler and cohort (what the KPI engine reads). */
interface ValueCells {
  readonly cells: readonly TallyCell[];
}

/** What computeValueKpis needs: the agent's period, the frozen baseline and the rate card. */
export type ValueKpiInput = (ValueItems | ValueCells) & ValueCommon;

interface ValueCommon {
  readonly baseline: Baseline;
  readonly rateCard: RateCard;
  /** Total AI cost of the period in micro-units (amortised one-time costs included). */
  readonly totalCostMicros: number;
  /** Months in the period (see monthsBetween), > 0. */
  readonly months: number;
  /** One-time costs (integration) in micro-units, for payback. */
  readonly oneTimeCostMicros: number;
  /** The part of totalCostMicros that is amortised one-time cost, added back for payback; default 0. */
  readonly amortisedOneTimeCostMicros?: number;
  /** The agent's verified_accuracy KPI; without a value and interval the durable rate is the proxy. */
  readonly verifiedAccuracy?: KpiValue;
  readonly sinceGoLive?: SinceGoLive;
  /** Why the value since go-live was not read, if it was not: payback and cumulative ROI say so. */
  readonly sinceGoLiveUnread?: string;
}

/** One baseline cohort of the agent's mix, with its share and what it contributes. */
export interface ValueCohort {
  readonly key: CohortKey;
  readonly verified_outcomes: number;
  /** verified_outcomes ÷ verified outcomes in all cohorts the baseline has. */
  readonly weight: number;
  readonly baseline_cost_per_item: number;
  readonly handle_hours: number;
  readonly labor_hours_displaced: number;
}

/** The value KPIs with cumulative ROI, the per-cohort breakdown and the amounts behind them. */
export interface ValueKpiResult {
  readonly kpis: ValueKpiSet;
  readonly roi_cumulative: KpiValue;
  readonly cohorts: readonly ValueCohort[];
  readonly amounts: {
    readonly loaded_hourly_rate_micros: number;
    readonly weighted_baseline_cost_per_item_micros: number | null;
    readonly labor_value_micros: number;
    readonly rework_cost_micros: number;
    readonly net_savings_micros: number;
    readonly risk_adjusted_savings_micros: number;
  };
  readonly accuracy: AccuracyBound;
  /** Verified outcomes in cohorts the baseline lacks: left out of the savings, named in notes. */
  readonly left_out_verified_outcomes: number;
  readonly notes: readonly string[];
}

/**
 * The value KPIs of KPIS.md for one agent period, per baseline cohort and re-weighted to the agent's
 * cohort mix: an agent that takes only cheap cohorts is compared with those cohorts' cost, not the average.
 * Money is computed in micro-units and answered in currency units.
 */
export function computeValueKpis(input: ValueKpiInput): ValueKpiResult {
  validate(input);
  const cells =
    'cells' in input
      ? input.cells
      : tallyItems(input.items, input.asOf, input.durabilityWindowMs, {
          reworkWindowMs: input.reworkWindowMs,
          slaHours: input.slaHours,
        });
  const mix = agentMix(cells, input.baseline, input.rateCard);
  const rate = loadedHourlyRateMicros(input.rateCard);
  const verifiedCovered = mix.cohorts.reduce((sum, c) => sum + c.verified, 0);
  const cohorts = mix.cohorts.map((c) => ({
    key: c.key,
    verified_outcomes: c.verified,
    weight: verifiedCovered === 0 ? 0 : c.verified / verifiedCovered,
    baseline_cost_per_item: fromMicros(c.baselineCostPerItemMicros),
    handle_hours: c.handleHours,
    labor_hours_displaced: c.verified * c.handleHours,
  }));
  const laborHours = cohorts.reduce((sum, c) => sum + c.labor_hours_displaced, 0);
  const weightedCost =
    verifiedCovered === 0
      ? null
      : mix.cohorts.reduce((sum, c) => sum + c.verified * c.baselineCostPerItemMicros, 0) / verifiedCovered;
  const laborValue = Math.round(laborHours * rate);
  const rework = Math.round(mix.reworkHours * rate);
  const cost = input.totalCostMicros;
  const net = laborValue - cost - rework;
  const accuracy = accuracyBound(mix, input.verifiedAccuracy);
  const risk = Math.round(laborValue * accuracy.factor) - cost - upperReworkCostMicros(mix, rework, rate);
  const amounts = {
    loaded_hourly_rate_micros: rate,
    weighted_baseline_cost_per_item_micros: weightedCost,
    labor_value_micros: laborValue,
    rework_cost_micros: rework,
    net_savings_micros: net,
    risk_adjusted_savings_micros: risk,
  };
  const common = { cohorts, amounts, accuracy, left_out_verified_outcomes: mix.verifiedUncovered };
  const notes = describe(mix, input.baseline, accuracy);
  const missing = missingBaselineReason(mix);
  if (missing !== null)
    return { kpis: unavailableValueKpis(missing), roi_cumulative: unavailableKpi(missing), ...common, notes };
  const n = verifiedCovered;
  const noCost = 'no AI cost recorded for the period';
  const kpis: ValueKpiSet = {
    cost_ratio: costRatio(mix, cost, weightedCost),
    labor_hours_displaced: kpi(laborHours, null, n),
    fte_displaced: kpi(laborHours / (input.rateCard.fte_hours_per_month * input.months), null, n),
    net_savings: kpi(fromMicros(net), null, n),
    sla_penalty_avoided: slaPenaltyAvoided(mix, input.rateCard),
    roi: cost === 0 ? unavailableKpi(noCost, n) : kpi(net / cost, null, n),
    payback_months: paybackMonths(input, net, n),
    risk_adjusted_savings: kpi(fromMicros(risk), null, accuracy.n),
    displacement_multiplier: cost === 0 ? unavailableKpi(noCost, n) : kpi(laborValue / cost, null, n),
  };
  return { kpis, roi_cumulative: cumulativeRoi(input, n), ...common, notes };
}

/** Every value KPI null with the same reason (a fresh object each, so editing one cannot change another). */
function unavailableValueKpis(reason: string): ValueKpiSet {
  const none = () => unavailableKpi(reason);
  return {
    cost_ratio: none(),
    labor_hours_displaced: none(),
    fte_displaced: none(),
    net_savings: none(),
    sla_penalty_avoided: none(),
    roi: none(),
    payback_months: none(),
    risk_adjusted_savings: none(),
    displacement_multiplier: none(),
  };
}

/** cost per output (total cost ÷ all verified outcomes) ÷ the mix-weighted baseline cost per item. */
function costRatio(mix: AgentMix, costMicros: number, weightedCost: number | null): KpiValue {
  if (mix.verifiedTotal === 0)
    return unavailableKpi('no verified outcomes yet: cost per output needs durable or verified items');
  if (weightedCost === null)
    return unavailableKpi('no verified outcomes in cohorts the baseline has', mix.verifiedTotal);
  if (weightedCost === 0)
    return unavailableKpi('the baseline cost per item of these cohorts is 0', mix.verifiedTotal);
  return kpi(costMicros / mix.verifiedTotal / weightedCost, null, mix.verifiedTotal - mix.verifiedUncovered);
}

/** (expected breaches at each cohort's baseline rate − the agent's breaches) × penalty, over judged items. */
function slaPenaltyAvoided(mix: AgentMix, card: RateCard): KpiValue {
  let judged = 0;
  let expected = 0;
  let breached = 0;
  for (const c of mix.cohorts) {
    judged += c.slaJudged;
    expected += c.slaJudged * (c.baselineBreachRate ?? 0);
    breached += c.slaBreached;
  }
  if (judged === 0)
    return unavailableKpi(
      'no agent-resolved items with an SLA verdict in cohorts with a baseline breach rate',
    );
  return kpi(fromMicros(Math.round((expected - breached) * slaPenaltyMicros(card))), null, judged);
}

/** One-time costs ÷ average monthly net savings before amortisation (since go-live when given). */
function paybackMonths(input: ValueKpiInput, netMicros: number, n: number): KpiValue {
  if (input.sinceGoLiveUnread !== undefined) return unavailableKpi(input.sinceGoLiveUnread);
  const since = input.sinceGoLive;
  const monthly =
    since === undefined
      ? (netMicros + (input.amortisedOneTimeCostMicros ?? 0)) / input.months
      : (since.netSavingsMicros + (since.amortisedOneTimeCostMicros ?? 0)) / since.months;
  if (!(monthly > 0))
    return unavailableKpi('net savings are not positive, so the one-time costs are not paid back', n);
  return kpi(input.oneTimeCostMicros / monthly, null, n);
}

function cumulativeRoi(input: ValueKpiInput, n: number): KpiValue {
  if (input.sinceGoLiveUnread !== undefined) return unavailableKpi(input.sinceGoLiveUnread);
  const since = input.sinceGoLive;
  if (since === undefined) return unavailableKpi('no since-go-live totals given', n);
  if (since.totalCostMicros === 0) return unavailableKpi('no AI cost recorded since go-live', n);
  return kpi(since.netSavingsMicros / since.totalCostMicros, null, n);
}

function missingBaselineReason(mix: AgentMix): string | null {
  if (mix.handled === 0) return 'no handled agent items in the period';
  if (mix.handledCovered === 0)
    return `none of the agent's ${mix.handled} handled items is in a cohort the baseline has`;
  return null;
}

function describe(mix: AgentMix, baseline: Baseline, accuracy: AccuracyBound): string[] {
  const notes: string[] = [];
  if (mix.verifiedUncovered > 0) {
    const names = mix.uncoveredCohorts.map((key) => describeCohort(key, baseline.cohort_by)).join('; ');
    notes.push(
      `${mix.verifiedUncovered} verified outcomes in cohorts the baseline lacks are left out (${names})`,
    );
  }
  if (accuracy.source === 'durable_rate')
    notes.push('no HITL reviews: risk-adjusted savings use the lower Wilson bound of the durable rate');
  return notes;
}

function validate(input: ValueKpiInput): void {
  const money: [string, number | undefined][] = [
    ['totalCostMicros', input.totalCostMicros],
    ['oneTimeCostMicros', input.oneTimeCostMicros],
    ['amortisedOneTimeCostMicros', input.amortisedOneTimeCostMicros],
    ['sinceGoLive.netSavingsMicros', input.sinceGoLive?.netSavingsMicros],
    ['sinceGoLive.totalCostMicros', input.sinceGoLive?.totalCostMicros],
  ];
  for (const [field, value] of money) {
    if (value !== undefined && !Number.isSafeInteger(value))
      throw new WorkledgerError(
        'VALIDATION',
        `${field} must be an integer number of micro-units: ${value}`,
        field,
      );
  }
  if ((input.amortisedOneTimeCostMicros ?? 0) > input.totalCostMicros)
    throw new WorkledgerError(
      'VALIDATION',
      'amortisedOneTimeCostMicros is part of totalCostMicros: it cannot exceed it',
    );
  for (const [field, value] of [
    ['months', input.months],
    ['sinceGoLive.months', input.sinceGoLive?.months ?? 1],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0))
      throw new WorkledgerError('VALIDATION', `${field} must be a positive number: ${value}`, field);
  }
}
