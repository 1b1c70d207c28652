import { fromComparison, type WeekChange } from '../report/week-over-week.js';
import { holmAdjust } from '../stats/holm.js';
import { ALPHA, compareToBaseline, isComparableRate, rateEvidence } from '../value/significance.js';
import { KPI_NAMES, type KpiName, type KpiSet, type KpiValue } from './kpi-value.js';

/** One KPI of a period beside the earlier period it is compared with. */
export interface KpiChange extends WeekChange {
  readonly previous: KpiValue;
}

/**
 * Every KPI of a period against an earlier one (already made comparable by planComparison): the signed
 * change, and for rates a two-proportion z-test whose verdicts are Holm–Bonferroni corrected over the
 * period's tests. Latencies, money and counts are shown with their change and no verdict: the answer
 * carries no samples to rank.
 */
export function comparePeriods(current: KpiSet, previous: KpiSet): Record<KpiName, KpiChange> {
  const changes = KPI_NAMES.map((name): KpiChange => {
    const now = current[name];
    const before = previous[name];
    if (now.value === null || before.value === null)
      return { previous: before, verdict: 'not tested', delta: null, test: null, p: null };
    const delta = now.value - before.value;
    const a = rateEvidence(now);
    const b = rateEvidence(before);
    if (!isComparableRate(name) || !a || !b)
      return { previous: before, verdict: 'not tested', delta, test: null, p: null };
    return { previous: before, ...fromComparison(compareToBaseline(name, a, b), delta) };
  });
  const adjusted = holmAdjust(changes.map((c) => c.p));
  // Safe: KPI_NAMES lists every KpiName once, and each is assigned below.
  const byName = {} as Record<KpiName, KpiChange>;
  KPI_NAMES.forEach((name, i) => {
    const change = changes[i];
    if (!change) return;
    const pAdjusted = adjusted[i] ?? null;
    const judged = change.verdict === 'better' || change.verdict === 'worse';
    byName[name] =
      change.p === null
        ? change
        : {
            ...change,
            p_adjusted: pAdjusted,
            verdict:
              judged && !(pAdjusted !== null && pAdjusted < ALPHA)
                ? 'no significant difference'
                : change.verdict,
          };
  });
  return byName;
}
