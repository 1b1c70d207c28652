import type { KpiName } from '../kpis/kpi-value.js';
import { formatKpiNumber, formatP } from './format-figure.js';
import { figureOf } from './report-figures.js';
import type { ReportThresholds } from './report-thresholds.js';
import type { AgentAction, ReportFigure } from './weekly-report-model.js';

/** The expand/restrict rule, in words, as the report prints it beside the recommendations. */
export function agentRuleText(thresholds: ReportThresholds): string {
  const limit = formatKpiNumber('error_rate', thresholds.max_error_rate, '');
  return (
    `Restrict when the error rate rose significantly since last week, or its 95% interval lies wholly above ${limit}. ` +
    `Expand when neither holds, the error rate is at most ${limit} on at least 30 settled items, and the durable ` +
    'or containment rate rose significantly since last week or is significantly better than the frozen baseline. ' +
    'Otherwise hold. Fewer than 30 handled items: hold.'
  );
}

/**
 * Recommend expanding, restricting or holding one agent from its verified outcomes (see agentRuleText):
 * every reason names the figure and the test behind it.
 */
export function reviewAgent(
  figures: readonly ReportFigure[],
  thresholds: ReportThresholds,
): { action: AgentAction; reasons: string[] } {
  const items = figureOf(figures, 'items_handled');
  const error = figureOf(figures, 'error_rate');
  const limit = thresholds.max_error_rate;
  const limitText = formatKpiNumber('error_rate', limit, '');
  if (!items || items.current.value === null || items.current.low_n === true)
    return {
      action: 'hold',
      reasons: [`insufficient data: ${items?.current.value ?? 0} items handled (fewer than 30)`],
    };

  const restrict: string[] = [];
  if (error?.change.verdict === 'worse') restrict.push(rose(error));
  const errorCi = error?.current.low_n === true ? null : error?.current.ci;
  if (error && errorCi && errorCi[0] > limit)
    restrict.push(
      `error rate ${formatKpiNumber('error_rate', error.current.value, '')} (95% CI ${rate(errorCi[0])}–${rate(errorCi[1])}) is above the ${limitText} limit`,
    );
  if (restrict.length) return { action: 'restrict', reasons: restrict };

  const errorKnown = error !== undefined && error.current.value !== null && error.current.low_n !== true;
  const errorWithin = errorKnown && (error.current.value ?? 1) <= limit;
  const outcomes = (['durable_rate', 'containment_rate'] as const)
    .map((k) => figureOf(figures, k))
    .filter((f): f is ReportFigure => f !== undefined);
  const improved = [
    ...outcomes.filter((f) => f.change.verdict === 'better').map(rose),
    ...outcomes.filter((f) => f.vs_baseline?.verdict === 'better').map(aboveBaseline),
  ];
  if (errorWithin && improved.length)
    return {
      action: 'expand',
      reasons: [
        ...improved,
        `error rate ${formatKpiNumber('error_rate', error.current.value, '')} is within the ${limitText} limit`,
      ],
    };

  const hold: string[] = [];
  if (!errorKnown) hold.push('error rate: insufficient data (fewer than 30 settled items)');
  else if (!errorWithin)
    hold.push(
      `error rate ${formatKpiNumber('error_rate', error.current.value, '')} is above the ${limitText} limit, but not significantly`,
    );
  if (!improved.length)
    hold.push('durable and containment rate neither rose significantly nor beat the baseline significantly');
  return { action: 'hold', reasons: hold };
}

/** "containment rate 80.0% is better than the baseline's 60.0% (two-proportion z-test, p < 0.001)". */
function aboveBaseline(figure: ReportFigure): string {
  const p = figure.vs_baseline?.p;
  return (
    `${figure.label.toLowerCase()} ${formatKpiNumber(figure.kpi, figure.current.value, '')} is better than the ` +
    `baseline's ${formatKpiNumber(figure.kpi, figure.vs_baseline?.baseline ?? null, '')} ` +
    `(${figure.vs_baseline?.test ?? 'test'}${p === null || p === undefined ? '' : `, ${formatP(p)}`})`
  );
}

function rate(value: number): string {
  return formatKpiNumber('error_rate', value, '');
}

/** "durable rate rose from 60.0% to 70.0% (two-proportion z-test, p = 0.012)". */
function rose(figure: ReportFigure): string {
  const name: KpiName = figure.kpi;
  const direction = (figure.change.delta ?? 0) > 0 ? 'rose' : 'fell';
  const test = figure.change.test ?? 'test';
  const p = figure.change.p === null ? '' : `, ${formatP(figure.change.p)}`;
  return (
    `${figure.label.toLowerCase()} ${direction} from ${formatKpiNumber(name, figure.previous.value, '')} ` +
    `to ${formatKpiNumber(name, figure.current.value, '')} (${test}${p})`
  );
}
