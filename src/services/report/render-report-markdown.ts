import { formatInterval, formatKpiNumber, formatKpiShown } from '../../domain/report/format-figure.js';
import {
  actionText,
  maturityText,
  baselineText,
  changeText,
  comparedWith,
  notableText,
  verdictText,
  weekRangeText,
} from '../../domain/report/report-text.js';
import type { ReportFigure, WeeklyReport } from '../../domain/report/weekly-report-model.js';

/** Markdown cells may not hold pipes or line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function figureRow(f: ReportFigure, currency: string): string {
  return row([
    f.label,
    formatKpiShown(f.kpi, f.current, currency),
    formatInterval(f.kpi, f.current, currency),
    formatKpiShown(f.kpi, f.previous, currency),
    changeText(f, currency),
    verdictText(f.change),
    baselineText(f, currency),
  ]);
}

/** The weekly report as Markdown: the same sections, figures and words as the HTML. */
export function renderReportMarkdown(report: WeeklyReport): string {
  const currency = report.tenant.currency;
  const lines: string[] = [
    `# Weekly report — ${report.tenant.name} — ${report.week}`,
    '',
    `${weekRangeText(report)} (${report.tenant.time_zone}) · as of ${report.as_of} · compared with ${comparedWith(report)}`,
    '',
    report.provisional ? `> **${maturityText(report)}.**` : `${maturityText(report)}.`,
    '',
    '## Headline',
    '',
    row(['KPI', 'this week', '95% CI', 'last week', 'change', 'verdict', 'vs baseline']),
    row(['---', '---:', '---:', '---:', '---:', '---', '---']),
  ];
  let group = '';
  for (const f of report.headline) {
    if (f.group !== group) {
      group = f.group;
      lines.push(row([`**${group}**`, '', '', '', '', '', '']));
    }
    lines.push(figureRow(f, currency));
  }
  lines.push('', '## What went better', '');
  lines.push(
    ...(report.better.length
      ? report.better.map((c) => `- ${notableText(c, currency)}`)
      : ['- Nothing improved significantly.']),
  );
  lines.push('', '## What went worse', '');
  lines.push(
    ...(report.worse.length
      ? report.worse.map((c) => `- ${notableText(c, currency)}`)
      : ['- Nothing got significantly worse.']),
  );
  lines.push('', '## Agents', '');
  lines.push(
    row(['agent', 'recommendation', 'items', 'durable', 'containment', 'error', 'p50', 'cost/outcome']),
  );
  lines.push(row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const a of report.agents) {
    const shown = (kpi: ReportFigure['kpi']) => {
      const f = a.figures.find((x) => x.kpi === kpi);
      return f ? formatKpiShown(f.kpi, f.current, currency) : '';
    };
    lines.push(
      row([
        a.agent,
        `**${actionText(a.action)}**`,
        shown('items_handled'),
        shown('durable_rate'),
        shown('containment_rate'),
        shown('error_rate'),
        shown('latency_p50_s'),
        shown('cost_per_output'),
      ]),
    );
  }
  lines.push('');
  for (const a of report.agents)
    lines.push(`- **${actionText(a.action)} ${a.agent}**: ${a.reasons.join('; ')}.`);
  lines.push('', '## Open risks', '');
  lines.push(
    ...(report.risks.length
      ? report.risks.map((r) => `- **${r.severity}** · ${r.subject} · ${r.message}`)
      : ['- No open risks.']),
  );
  lines.push('', '## Benchmarks (industry figures, for context only; never used in a computation)', '');
  lines.push(...report.benchmarks.map((b) => `- ${b}`));
  lines.push('', '## Method', '');
  lines.push(...report.method.map((m) => `- ${m}`));
  lines.push(
    `- Thresholds: error rate limit ${formatKpiNumber('error_rate', report.thresholds.max_error_rate, currency)}, SLA target ${formatKpiNumber('sla_adherence', report.thresholds.min_sla_adherence, currency)}.`,
  );
  lines.push('', `Generated ${report.generated_at} by Workledger.`, '');
  return lines.join('\n');
}
