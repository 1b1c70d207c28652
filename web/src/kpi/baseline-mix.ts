import type { BaselineAnswer, GroupKey, KpiSet } from '../api/types.js';

/** The cohort fields of a baseline (KPIS.md: workflow × category × priority unless it says otherwise). */
export function cohortFields(baseline: BaselineAnswer): string[] {
  return baseline.cohort_by?.length ? baseline.cohort_by : ['workflow', 'category', 'priority'];
}

export function cohortId(key: GroupKey, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => key[f] ?? null));
}

/**
 * A baseline KPI re-weighted to the agents' cohort mix (KPIS.md, Baseline): Σ agent items handled in
 * cohort × baseline value of the cohort ÷ Σ those items, over cohorts the baseline has a value for. So an
 * agent that takes only the easy cohorts is compared with the humans' easy cohorts.
 */
export function baselineForMix(
  baseline: BaselineAnswer,
  agentCohorts: readonly { key: GroupKey; kpis: KpiSet }[],
  kpi: string,
): { value: number | null; weight: number } {
  const fields = cohortFields(baseline);
  const byId = new Map((baseline.cohorts ?? []).map((c) => [cohortId(c.key, fields), c]));
  let weighted = 0;
  let weight = 0;
  for (const group of agentCohorts) {
    const items = group.kpis.items_handled?.value ?? 0;
    const base = byId.get(cohortId(group.key, fields))?.kpis[kpi]?.value;
    if (!items || base === null || base === undefined) continue;
    weighted += items * base;
    weight += items;
  }
  return { value: weight > 0 ? weighted / weight : null, weight };
}

/** When the baseline was frozen and over which window, for the banner (times as the API gives them). */
export function describeBaseline(baseline: BaselineAnswer, locale: string): string {
  const date = (value: string | number | undefined) =>
    value === undefined
      ? '?'
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value));
  const version = baseline.version === undefined ? '' : ` v${baseline.version}`;
  return `Baseline${version}: human work ${date(baseline.from)} – ${date(baseline.to)}, frozen ${date(baseline.frozen_at)}`;
}
