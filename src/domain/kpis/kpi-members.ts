import type { Baseline } from '../baseline/baseline.js';
import { cohortKeyId, cohortKeyOf } from '../baseline/cohort-key.js';
import type { KpiItem } from '../kpi-item.js';
import { isAgentHandled, resolutionTime, verificationStateAt } from '../verification.js';
import { inScopePredicate, type AgentScopeLookup } from './coverage.js';
import { isResolvedByAnyone } from './kpi-population.js';
import type { KpiName } from './kpi-value.js';
import { causedRework, slaVerdict, type SlaHoursLookup } from './quality-checks.js';

/** Which side of a KPI a drill-down lists: what it counts, or what it is counted out of (its `n`). */
export type KpiPart = 'numerator' | 'denominator';
export const KPI_PARTS: readonly KpiPart[] = ['numerator', 'denominator'];

/** What deciding membership needs: the as-of moment and the settings the KPI engine used. */
export interface MembershipContext {
  readonly asOf: number;
  readonly durabilityWindowMs: number;
  readonly reworkWindowMs: number;
  readonly slaHours: SlaHoursLookup;
  readonly agentScope?: AgentScopeLookup;
  /** The frozen baseline, for the value KPIs that count only outcomes in its cohorts. */
  readonly baseline?: Baseline | null;
}

type Test = (item: KpiItem) => boolean;

/**
 * The items of one side of a KPI among `items` (every item of the period, as the KPI engine reads them),
 * by the same rules as the formulas: listing the denominator gives the KPI's `n` items, the numerator the
 * `value × n` items a rate counts. Means and percentiles have only a denominator (their sample); null when
 * the KPI has no such side.
 */
export function kpiMembers(
  name: KpiName,
  part: KpiPart,
  items: readonly KpiItem[],
  context: MembershipContext,
): KpiItem[] | null {
  const sides = membershipOf(name, items, context);
  const test = part === 'numerator' ? sides.numerator : sides.denominator;
  return test === null ? null : items.filter(test);
}

function membershipOf(
  name: KpiName,
  items: readonly KpiItem[],
  c: MembershipContext,
): { numerator: Test | null; denominator: Test | null } {
  const state = (item: KpiItem) => verificationStateAt(item, c.asOf, c.durabilityWindowMs);
  const agent: Test = (item) => isAgentHandled(item);
  const handled: Test = (item) => agent(item) && item.outcome !== 'open';
  const resolved: Test = (item) => agent(item) && item.outcome === 'resolved';
  const settled: Test = (item) => handled(item) && state(item) !== 'provisional';
  const verified: Test = (item) => handled(item) && (state(item) === 'durable' || state(item) === 'verified');
  const covered = coveredBy(c.baseline ?? null, false);
  const coveredWithBreachRate = coveredBy(c.baseline ?? null, true);
  const rate = (numerator: Test, denominator: Test) => ({
    numerator: (item: KpiItem) => denominator(item) && numerator(item),
    denominator,
  });
  const sample = (denominator: Test) => ({ numerator: null, denominator });
  switch (name) {
    case 'items_handled':
      return { numerator: handled, denominator: handled };
    case 'items_open':
      return rate((item) => item.outcome === 'open', agent);
    case 'n_provisional':
      return rate((item) => state(item) === 'provisional', handled);
    case 'coverage_rate': {
      const inScope = inScopePredicate(items, c.agentScope);
      // an agent item outside every scope is left out of both sides, as coverageRate does
      return rate(agent, (item) => inScope(item));
    }
    case 'latency_p50_s':
    case 'latency_p90_s':
    case 'latency_p95_s':
    case 'mttr_s':
      return sample((item) => resolved(item) && resolutionTime(item) !== null);
    case 'e2e_mttr_s':
    case 'e2e_latency_p50_s':
    case 'e2e_latency_p90_s':
      return sample((item) => handled(item) && isResolvedByAnyone(item));
    case 'first_response_p50_s':
      return sample((item) => agent(item) && item.firstResponseAt !== null);
    case 'containment_rate':
      return rate(resolved, handled);
    case 'fcr_rate':
      return rate(
        (item) => resolved(item) && item.reassignmentCount === 0 && item.reopenCount === 0,
        handled,
      );
    case 'durable_rate':
      return rate(verified, settled);
    case 'verified_accuracy':
      return { numerator: null, denominator: null };
    case 'error_rate':
      return rate((item) => item.outcome === 'failed' || state(item) === 'reversed', settled);
    case 'escalation_rate':
      return rate((item) => item.outcome === 'escalated', handled);
    case 'reopen_rate':
      return rate((item) => item.reopenCount > 0, resolved);
    case 'sla_adherence':
      return rate(
        (item) => slaVerdict(item, c.slaHours) === true,
        (item) => resolved(item) && slaVerdict(item, c.slaHours) !== null,
      );
    case 'state_change_verified_rate':
      return rate(
        (item) => item.stateChangeVerified === true,
        (item) => resolved(item) && item.stateChangeVerified !== null,
      );
    case 'csat_mean':
      return sample((item) => agent(item) && item.csat !== null);
    case 'csat_response_rate':
      return rate((item) => item.csat !== null, resolved);
    case 'rework_rate':
      return rate((item) => causedRework(item, c.reworkWindowMs), resolved);
    case 'total_cost':
    case 'unallocated_cost':
      return sample(handled);
    case 'oversight_cost':
      return rate((item) => item.outcome === 'escalated' || item.outcome === 'failed', handled);
    case 'cost_per_output':
      return sample(verified);
    case 'cost_ratio':
    case 'labor_hours_displaced':
    case 'fte_displaced':
    case 'net_savings':
    case 'roi':
    case 'payback_months':
    case 'displacement_multiplier':
      return sample((item) => verified(item) && covered(item));
    case 'sla_penalty_avoided':
      return sample(
        (item) => resolved(item) && coveredWithBreachRate(item) && slaVerdict(item, c.slaHours) !== null,
      );
    case 'risk_adjusted_savings':
      // until HITL reviews exist the bound stands on the settled handled items (the durable rate's n)
      return sample(settled);
    default: {
      const unreachable: never = name;
      throw new Error(`no membership rule for ${String(unreachable)}`);
    }
  }
}

/** Whether an item's cohort is one the baseline has a cost for (the value KPIs' cohorts), and a breach rate. */
function coveredBy(baseline: Baseline | null, needsBreachRate: boolean): Test {
  if (baseline === null) return () => false;
  const fields = baseline.cohort_by;
  const known = new Set(
    baseline.cohorts
      .filter(
        ({ kpis }) =>
          kpis.cost_per_item.value !== null &&
          kpis.handle_hours.value !== null &&
          (!needsBreachRate || kpis.sla_breach_rate.value !== null),
      )
      .map((cohort) => cohortKeyId(cohort.key, fields)),
  );
  return (item) => known.has(cohortKeyId(cohortKeyOf(item, fields), fields));
}
