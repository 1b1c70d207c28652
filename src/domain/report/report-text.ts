import { formatDelta, formatKpiNumber, formatP } from './format-figure.js';
import type { WeekChange } from './week-over-week.js';
import type { AgentAction, NotableChange, ReportFigure, WeeklyReport } from './weekly-report-model.js';

/** The verdict as a reader sees it; untested changes say nothing. */
export function verdictText(change: WeekChange): string {
  switch (change.verdict) {
    case 'better':
    case 'worse':
    case 'no significant difference':
    case 'insufficient data':
      return change.p === null ? change.verdict : `${change.verdict} (${formatP(change.p)})`;
    case 'not tested':
      return '';
    default: {
      const unreachable: never = change.verdict;
      return String(unreachable);
    }
  }
}

/** "better (p < 0.001) than 60.0%": this week against the baseline, empty when not compared. */
export function baselineText(figure: ReportFigure, currency: string): string {
  const compared = figure.vs_baseline;
  if (!compared) return '';
  const verdict = verdictText(compared);
  return compared.baseline === null
    ? verdict
    : `${verdict}; baseline ${formatKpiNumber(figure.kpi, compared.baseline, currency)}`;
}

/** "2026-W46 and baseline v3" or "2026-W46 (no baseline frozen)". */
export function comparedWith(report: Pick<WeeklyReport, 'previous' | 'baseline'>): string {
  return report.baseline
    ? `${report.previous.week} and baseline v${report.baseline.version}`
    : `${report.previous.week} (no baseline frozen)`;
}

/** The change column: the signed difference, when both weeks have a value. */
export function changeText(figure: ReportFigure, currency: string): string {
  return formatDelta(figure.kpi, figure.change.delta, currency);
}

/** "all agents · Containment rate 73.5% → 81.1% (+7.6 pts; two-proportion z-test, p = 0.012)". */
export function notableText(change: NotableChange, currency: string): string {
  const p = change.change.p === null ? '' : `, ${formatP(change.change.p)}`;
  return (
    `${change.scope} · ${change.label} ${formatKpiNumber(change.kpi, change.previous, currency)} → ` +
    `${formatKpiNumber(change.kpi, change.current, currency)} (${formatDelta(change.kpi, change.change.delta, currency)}; ` +
    `${change.change.test ?? 'test'}${p})`
  );
}

/** "Mon 16 Nov – Sun 22 Nov 2026" in the tenant's zone. */
export function weekRangeText(report: Pick<WeeklyReport, 'from' | 'to' | 'tenant'>): string {
  const parts = (ms: number) => {
    const found = new Intl.DateTimeFormat('en-GB', {
      timeZone: report.tenant.time_zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }).formatToParts(new Date(ms));
    const part = (type: Intl.DateTimeFormatPartTypes) => found.find((p) => p.type === type)?.value ?? '';
    return { day: `${part('weekday')} ${part('day')} ${part('month')}`, year: part('year') };
  };
  const first = parts(Date.parse(report.from));
  const last = parts(Date.parse(report.to) - 1);
  return `${first.day}${first.year === last.year ? '' : ` ${first.year}`} – ${last.day} ${last.year}`;
}

/** The recommendation as a word for a badge. */
export function actionText(action: AgentAction): string {
  switch (action) {
    case 'expand':
      return 'Expand';
    case 'restrict':
      return 'Restrict';
    case 'hold':
      return 'Hold';
    case 'none':
      return 'No recommendation';
    default: {
      const unreachable: never = action;
      return String(unreachable);
    }
  }
}

/** "Settled on 30 Nov 2026" or "PROVISIONAL: settles on …; no recommendation until then". */
export function maturityText(report: Pick<WeeklyReport, 'provisional' | 'settles_at'>): string {
  return report.provisional
    ? `PROVISIONAL: these figures settle on ${report.settles_at}; they still move, and no recommendation is made until then`
    : `Figures settled on ${report.settles_at}`;
}
