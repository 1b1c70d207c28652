import type { KpiValue } from '../kpis/kpi-value.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { AgentMix } from './agent-mix.js';

/** Where the accuracy bound of risk-adjusted savings came from. */
export interface AccuracyBound {
  readonly source: 'verified_accuracy' | 'durable_rate';
  /** The lower 95% bound used, null when there was nothing to bound. */
  readonly lowerBound: number | null;
  /** What the labor value is multiplied by. */
  readonly factor: number;
  /** The sample the bound stands on (reviews, or settled handled items). */
  readonly n: number;
}

/**
 * The factor risk-adjusted savings apply to the labor value. With HITL reviews: the lower 95% bound of
 * verified accuracy (each unreviewed durable outcome counts as correct with that probability). Without:
 * the durable rate's lower Wilson bound replaces the observed durable rate, i.e. factor = lower ÷ observed,
 * since verified outcomes already leave out the reversed ones.
 */
export function accuracyBound(mix: AgentMix, verifiedAccuracy: KpiValue | undefined): AccuracyBound {
  if (verifiedAccuracy !== undefined && verifiedAccuracy.value !== null && verifiedAccuracy.ci !== null) {
    const lower = verifiedAccuracy.ci[0];
    return { source: 'verified_accuracy', lowerBound: lower, factor: lower, n: verifiedAccuracy.n };
  }
  const interval = wilsonInterval(mix.verifiedTotal, mix.settled);
  if (interval === null || mix.verifiedTotal === 0)
    return { source: 'durable_rate', lowerBound: interval?.[0] ?? null, factor: 0, n: mix.settled };
  const observed = mix.verifiedTotal / mix.settled;
  return { source: 'durable_rate', lowerBound: interval[0], factor: interval[0] / observed, n: mix.settled };
}

/**
 * Rework cost at the upper 95% Wilson bound of the rework rate ((reversed ∪ reworked) ÷ agent-resolved):
 * the observed rework cost plus the extra items the bound implies, priced at the mean handle cost of the
 * agent's resolved items. Micro-units, rounded half up.
 */
export function upperReworkCostMicros(
  mix: AgentMix,
  reworkCostMicros: number,
  loadedRateMicros: number,
): number {
  const interval = wilsonInterval(mix.reworked, mix.resolved);
  if (interval === null) return reworkCostMicros;
  const extraItems = interval[1] * mix.resolved - mix.reworked;
  const meanItemCost = (mix.resolvedHours / mix.resolved) * loadedRateMicros;
  return reworkCostMicros + Math.round(extraItems * meanItemCost);
}
