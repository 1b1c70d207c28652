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
import { renderReportCharts } from './render-report-charts.js';
import { REPORT_CSS } from './render-report-css.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content and attributes. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function card(f: ReportFigure, currency: string): string {
  const verdict = verdictText(f.change);
  const chip = verdict
    ? `<span class="chip ${esc(f.change.verdict.replace(/ /g, '-'))}">${esc(verdict)}</span>`
    : '';
  const vsBaseline = baselineText(f, currency);
  const baselineChip = vsBaseline
    ? ` <span class="chip ${esc((f.vs_baseline?.verdict ?? '').replace(/ /g, '-'))}">vs baseline: ${esc(vsBaseline)}</span>`
    : '';
  const ci = formatInterval(f.kpi, f.current, currency);
  return `<div class="card ${f.shown === 'value' ? '' : 'muted'}" data-kpi="${esc(f.kpi)}">
<div class="label">${esc(f.label)}</div>
<div class="value">${esc(formatKpiShown(f.kpi, f.current, currency))}</div>
<div class="sub">${ci ? `95% CI ${esc(ci)} · ` : ''}last week ${esc(formatKpiShown(f.kpi, f.previous, currency))}${changeText(f, currency) ? ` · ${esc(changeText(f, currency))}` : ''}</div>
${chip}${baselineChip}</div>`;
}

function list(items: readonly string[], empty: string): string {
  return items.length
    ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
    : `<p class="none">${esc(empty)}</p>`;
}

/** The weekly report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts. */
export async function renderReportHtml(report: WeeklyReport): Promise<string> {
  const currency = report.tenant.currency;
  const charts = await renderReportCharts(report);
  const groups = [...new Set(report.headline.map((f) => f.group))];
  const headline = groups
    .map(
      (g) =>
        `<h3>${esc(g)}</h3><div class="cards">${report.headline
          .filter((f) => f.group === g)
          .map((f) => card(f, currency))
          .join('')}</div>`,
    )
    .join('');
  const agentRows = report.agents
    .map((a) => {
      const shown = (kpi: ReportFigure['kpi']) => {
        const f = a.figures.find((x) => x.kpi === kpi);
        return f ? esc(formatKpiShown(f.kpi, f.current, currency)) : '';
      };
      return `<tr><td class="agent">${esc(a.agent)}</td><td><span class="badge ${a.action}">${actionText(a.action)}</span></td>
<td class="num">${shown('items_handled')}</td><td class="num">${shown('durable_rate')}</td><td class="num">${shown('containment_rate')}</td>
<td class="num">${shown('error_rate')}</td><td class="num">${shown('latency_p50_s')}</td><td class="num">${shown('cost_per_output')}</td>
</tr>
<tr class="why"><td></td><td colspan="7">${esc(a.reasons.join('; '))}</td></tr>`;
    })
    .join('');
  const chartBlock = charts
    ? `<figure>${charts.daily}<figcaption>Items handled per day (this week in blue), containment and error rate (days with fewer than 30 items left out)</figcaption></figure>
<figure>${charts.agents}<figcaption>This week by agent (rates on fewer than 30 items left out: insufficient data)</figcaption></figure>`
    : '<p class="none">Charts unavailable: the ECharts package is not installed.</p>';
  const t = report.thresholds;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weekly report ${esc(report.week)} — ${esc(report.tenant.name)}</title>
<style>${REPORT_CSS}</style></head>
<body><main>
<header><h1>Weekly report — ${esc(report.tenant.name)} — ${esc(report.week)}</h1>
<p class="meta">${esc(weekRangeText(report))} (${esc(report.tenant.time_zone)}) · as of ${esc(report.as_of)} · compared with ${esc(comparedWith(report))}</p>
<p class="${report.provisional ? 'provisional' : 'meta'}" data-maturity="${report.provisional ? 'provisional' : 'settled'}">${esc(maturityText(report))}.</p></header>
<section><h2>Headline</h2>${headline}</section>
<section class="two"><div><h2>What went better</h2>${list(
    report.better.map((c) => esc(notableText(c, currency))),
    'Nothing improved significantly.',
  )}</div><div><h2>What went worse</h2>${list(
    report.worse.map((c) => esc(notableText(c, currency))),
    'Nothing got significantly worse.',
  )}</div></section>
<section><h2>Agents</h2><table><thead><tr><th>agent</th><th>recommendation</th><th>items</th><th>durable</th><th>containment</th><th>error</th><th>p50</th><th>cost/outcome</th></tr></thead>
<tbody>${agentRows}</tbody></table></section>
<section><h2>Open risks</h2>${list(
    report.risks.map(
      (r) => `<span class="sev ${r.severity}">${r.severity}</span> ${esc(r.subject)} · ${esc(r.message)}`,
    ),
    'No open risks.',
  )}</section>
<section class="charts"><h2>Trends</h2>${chartBlock}</section>
<section class="small"><h2>Benchmarks <span class="note">industry figures, for context only; never used in a computation</span></h2>${list(
    report.benchmarks.map(esc),
    '',
  )}
<h2>Method</h2>${list(
    [
      ...report.method.map(esc),
      esc(
        `Thresholds: error rate limit ${formatKpiNumber('error_rate', t.max_error_rate, currency)}, SLA target ${formatKpiNumber('sla_adherence', t.min_sla_adherence, currency)}.`,
      ),
    ],
    '',
  )}
<p class="meta">Generated ${esc(report.generated_at)} by Workledger.</p></section>
</main></body></html>
`;
}
