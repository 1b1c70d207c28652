import { unavailableKpi } from '../kpis/build-kpi.js';
import type { KpiSet, KpiValue } from '../kpis/kpi-value.js';
import type { ReportKpi } from './report-kpis.js';
import { holmAdjust } from '../stats/holm.js';
import { ALPHA } from '../value/significance.js';
import { compareWeeks, fromComparison, type LatencySamples, type WeekChange } from './week-over-week.js';
import type { BaselineComparison, NotableChange, ReportFigure } from './weekly-report-model.js';

/** A KPI that has no value because the group had no items that week. */
export function absentKpi(): KpiValue {
  return unavailableKpi('no items this week');
}

/** How a KPI is shown: unavailable (value null), insufficient data (low_n), or its number. */
export function shownAs(kpi: KpiValue): ReportFigure['shown'] {
  if (kpi.value === null) return 'unavailable';
  return kpi.low_n === true ? 'insufficient data' : 'value';
}

/**
 * This week's and last week's value of each KPI of `kpis`, with the change the data supports and,
 * where the baseline comparison has the KPI, its verdict against the baseline.
 */
export function buildFigures(
  kpis: readonly ReportKpi[],
  current: KpiSet | undefined,
  previous: KpiSet | undefined,
  latencies: LatencySamples | null,
  baseline: readonly BaselineComparison[],
): ReportFigure[] {
  return kpis.map((k) => {
    const now = current?.[k.name] ?? absentKpi();
    const before = previous?.[k.name] ?? absentKpi();
    const compared = baseline.find((b) => b.kpi === k.name);
    return {
      kpi: k.name,
      group: k.group,
      label: k.label,
      current: now,
      previous: before,
      shown: shownAs(now),
      change: compareWeeks(k, now, before, latencies),
      vs_baseline: compared
        ? {
            ...fromComparison(
              compared,
              now.value === null || compared.baseline === null ? null : now.value - compared.baseline,
            ),
            baseline: compared.baseline,
          }
        : null,
    };
  });
}

/** The figures whose change is significantly better (or worse), labelled with their scope. */
export function notableChanges(
  scope: string,
  figures: readonly ReportFigure[],
  verdict: 'better' | 'worse',
): NotableChange[] {
  const changes: NotableChange[] = [];
  for (const f of figures) {
    if (f.change.verdict !== verdict || f.current.value === null || f.previous.value === null) continue;
    changes.push({
      scope,
      kpi: f.kpi,
      label: f.label,
      current: f.current.value,
      previous: f.previous.value,
      change: f.change,
    });
  }
  return changes;
}

/** The figure of `kpi` among `figures`. */
export function figureOf(
  figures: readonly ReportFigure[],
  kpi: ReportFigure['kpi'],
): ReportFigure | undefined {
  return figures.find((f) => f.kpi === kpi);
}

/**
 * Correct one statement's verdicts for multiple comparisons (KPIS.md, Statistics): Holm–Bonferroni over
 * every test its figures ran, week over week and against the baseline; a verdict survives only when its
 * adjusted p-value stays under α.
 */
export function withHolm(figures: readonly ReportFigure[]): ReportFigure[] {
  const changes = figures.flatMap((f) => [f.change, ...(f.vs_baseline ? [f.vs_baseline] : [])]);
  const adjusted = holmAdjust(changes.map((c) => c.p));
  const corrected = new Map(changes.map((c, i) => [c, adjust(c, adjusted[i] ?? null)]));
  return figures.map((f) => ({
    ...f,
    change: corrected.get(f.change) ?? f.change,
    vs_baseline: f.vs_baseline ? { ...f.vs_baseline, ...(corrected.get(f.vs_baseline) ?? {}) } : null,
  }));
}

function adjust<C extends WeekChange>(change: C, pAdjusted: number | null): C {
  if (change.p === null) return change;
  const significant = pAdjusted !== null && pAdjusted < ALPHA;
  const verdict =
    !significant && (change.verdict === 'better' || change.verdict === 'worse')
      ? 'no significant difference'
      : change.verdict;
  return { ...change, verdict, p_adjusted: pAdjusted };
}
