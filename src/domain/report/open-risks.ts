import { formatKpiNumber, formatP } from './format-figure.js';
import { figureOf } from './report-figures.js';
import type { ReportThresholds } from './report-thresholds.js';
import type { AgentReview, ReportFigure, ReportRisk, ReversalCount } from './weekly-report-model.js';

const ALL = 'all agents';

/**
 * The open risks of the week: value KPIs that cannot be computed (no frozen baseline), KPIs on too few
 * items, an error rate that rose significantly or lies above the limit, reversals (future credits),
 * and SLA misses. High-severity risks come first.
 */
export function openRisks(
  headline: readonly ReportFigure[],
  agents: readonly AgentReview[],
  reversals: readonly ReversalCount[],
  thresholds: ReportThresholds,
  baselineFrozen: boolean,
  provisional: { settlesAt: string } | null = null,
): ReportRisk[] {
  // A provisional week's error rate is inflated by design (its failures are final, most resolutions
  // are not), so only its change at equal maturity is a risk, never its level against the limit.
  const limit = provisional === null;
  const risks: ReportRisk[] = [
    ...(provisional
      ? [
          {
            kind: 'provisional' as const,
            severity: 'medium' as const,
            subject: ALL,
            message: `The week has not settled: its figures move until ${provisional.settlesAt}, and no recommendation is made from them.`,
          },
        ]
      : []),
    ...valueRisks(headline, baselineFrozen),
    ...errorRisks(ALL, headline, thresholds, limit),
    ...agents.flatMap((a) => errorRisks(a.agent, a.figures, thresholds, limit)),
    ...slaRisks(headline, thresholds),
    ...reversalRisks(reversals),
    ...lowNRisks(headline, agents),
  ];
  const rank = { high: 0, medium: 1, low: 2 } as const;
  return risks.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function valueRisks(headline: readonly ReportFigure[], baselineFrozen: boolean): ReportRisk[] {
  const risks: ReportRisk[] = baselineFrozen
    ? []
    : [
        {
          kind: 'no_baseline',
          severity: 'medium',
          subject: ALL,
          message:
            'No baseline is frozen: value KPIs and the comparison with the human baseline are unavailable (workledger baseline freeze).',
        },
      ];
  const missing = headline.filter((f) => f.group === 'value' && f.current.value === null);
  const reasons = [...new Set(missing.map((f) => f.current.reason ?? 'not computed'))];
  return [
    ...risks,
    ...reasons.map((reason) => ({
      kind: 'value_unavailable' as const,
      severity: 'medium' as const,
      subject: ALL,
      message: `${missing
        .filter((f) => (f.current.reason ?? 'not computed') === reason)
        .map((f) => f.label)
        .join(', ')}: unavailable (${reason}).`,
    })),
  ];
}

function errorRisks(
  subject: string,
  figures: readonly ReportFigure[],
  thresholds: ReportThresholds,
  judgeLevel: boolean,
): ReportRisk[] {
  const error = figureOf(figures, 'error_rate');
  if (!error || error.current.value === null) return [];
  const risks: ReportRisk[] = [];
  const now = formatKpiNumber('error_rate', error.current.value, '');
  if (error.change.verdict === 'worse' && error.change.p !== null)
    risks.push({
      kind: 'error_rate_rising',
      severity: 'high',
      subject,
      message: `Error rate rose from ${formatKpiNumber('error_rate', error.previous.value, '')} to ${now} (${error.change.test ?? 'test'}, ${formatP(error.change.p)}).`,
    });
  const ci = error.current.low_n === true ? null : error.current.ci;
  if (judgeLevel && ci && ci[0] > thresholds.max_error_rate)
    risks.push({
      kind: 'error_rate_above_limit',
      severity: 'high',
      subject,
      message: `Error rate ${now} (95% CI ${formatKpiNumber('error_rate', ci[0], '')}–${formatKpiNumber('error_rate', ci[1], '')}) is above the ${formatKpiNumber('error_rate', thresholds.max_error_rate, '')} limit.`,
    });
  return risks;
}

function slaRisks(headline: readonly ReportFigure[], thresholds: ReportThresholds): ReportRisk[] {
  const sla = figureOf(headline, 'sla_adherence');
  if (!sla || sla.current.value === null) return [];
  const misses = sla.current.n - Math.round(sla.current.value * sla.current.n);
  if (misses === 0) return [];
  const shown = formatKpiNumber('sla_adherence', sla.current.value, '');
  const target = formatKpiNumber('sla_adherence', thresholds.min_sla_adherence, '');
  const ci = sla.current.low_n === true ? null : sla.current.ci;
  const below = ci !== null && ci[1] < thresholds.min_sla_adherence;
  const worse = sla.change.verdict === 'worse';
  const detail = below
    ? `; adherence ${shown} is below the ${target} target (95% CI wholly below it)`
    : worse
      ? `; adherence fell significantly to ${shown}`
      : ` (adherence ${shown}, target ${target})`;
  return [
    {
      kind: 'sla_misses',
      severity: below || worse ? 'high' : 'low',
      subject: ALL,
      message: `${misses} resolved item${misses === 1 ? '' : 's'} missed the SLA${detail}.`,
    },
  ];
}

function reversalRisks(reversals: readonly ReversalCount[]): ReportRisk[] {
  const total = reversals.reduce((sum, r) => sum + r.count, 0);
  if (total === 0) return [];
  const byReason = new Map<string, number>();
  for (const r of reversals) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + r.count);
  const parts = [...byReason].map(([reason, count]) => `${reason} ${count}`).join(', ');
  return [
    {
      kind: 'reversals',
      severity: 'medium',
      subject: ALL,
      message: `${total} agent resolution${total === 1 ? ' was' : 's were'} reversed during the week (${parts}); a reversal after an invoice becomes a credit on the next one.`,
    },
  ];
}

function lowNRisks(headline: readonly ReportFigure[], agents: readonly AgentReview[]): ReportRisk[] {
  const risks: ReportRisk[] = [];
  const lowN = headline.filter((f) => f.shown === 'insufficient data');
  if (lowN.length)
    risks.push({
      kind: 'insufficient_data',
      severity: 'low',
      subject: ALL,
      message: `Insufficient data (fewer than 30 items) for ${lowN.map((f) => `${f.label} (n = ${f.current.n})`).join(', ')}.`,
    });
  const thin = agents.filter((a) => figureOf(a.figures, 'items_handled')?.shown !== 'value');
  if (thin.length)
    risks.push({
      kind: 'insufficient_data',
      severity: 'low',
      subject: thin.map((a) => a.agent).join(', '),
      message: `Too few items to judge ${thin
        .map((a) => `${a.agent} (${figureOf(a.figures, 'items_handled')?.current.value ?? 0} handled)`)
        .join(', ')}: held until 30 items.`,
    });
  return risks;
}
