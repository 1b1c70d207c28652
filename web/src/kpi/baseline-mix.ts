import type { BaselineAnswer, GroupKey } from '../api/answers.js';

/** The cohort fields of a baseline (KPIS.md: workflow × category × priority unless it says otherwise). */
export function cohortFields(baseline: BaselineAnswer): string[] {
  return baseline.cohort_by?.length ? baseline.cohort_by : ['workflow', 'category', 'priority'];
}

export function cohortId(key: GroupKey, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => key[f] ?? null));
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
