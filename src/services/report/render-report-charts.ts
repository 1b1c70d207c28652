import { plainValue } from '../../domain/report/build-weekly-report.js';
import type { WeeklyReport } from '../../domain/report/weekly-report-model.js';

type ECharts = typeof import('echarts');
type ChartOption = Parameters<ReturnType<ECharts['init']>['setOption']>[0];

const INK = '#1f2937';
const MUTED = '#9ca3af';
const ACCENT = '#2563eb';
const BAD = '#dc2626';
const GOOD = '#059669';

/** Inline SVG charts of the report; empty when ECharts cannot be loaded (the HTML says so). */
export interface ReportCharts {
  daily: string;
  agents: string;
}

/** Render an ECharts option server-side as an SVG string (no DOM, no animation). */
function svg(echarts: ECharts, option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Helvetica, Arial, sans-serif' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const percent = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 1000) / 10;

/** Items handled per day over both weeks (this week darker), with the containment rate as a line. */
function dailyOption(report: WeeklyReport): ChartOption {
  const thisWeekFrom = report.daily.length - 7;
  return {
    grid: { left: 44, right: 44, top: 30, bottom: 28 },
    legend: { top: 0, textStyle: { color: INK, fontSize: 11 } },
    xAxis: { type: 'category', data: report.daily.map((d) => d.day.slice(5)), axisLabel: { fontSize: 10 } },
    yAxis: [
      { type: 'value', name: 'items', nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      {
        type: 'value',
        name: '%',
        min: 0,
        max: 100,
        nameTextStyle: { fontSize: 10 },
        axisLabel: { fontSize: 10 },
      },
    ],
    series: [
      {
        name: 'Items handled',
        type: 'bar',
        data: report.daily.map((d, i) => ({
          value: d.items_handled,
          itemStyle: { color: i >= thisWeekFrom ? ACCENT : MUTED },
        })),
      },
      {
        name: 'Containment %',
        type: 'line',
        yAxisIndex: 1,
        data: report.daily.map((d) => percent(d.containment_rate)),
        itemStyle: { color: GOOD },
      },
      {
        name: 'Error %',
        type: 'line',
        yAxisIndex: 1,
        data: report.daily.map((d) => percent(d.error_rate)),
        itemStyle: { color: BAD },
      },
    ],
  };
}

/** Per agent: durable, containment and error rate this week; rates on fewer than 30 items get no bar. */
function agentOption(report: WeeklyReport): ChartOption {
  const rate = (kpi: 'durable_rate' | 'containment_rate' | 'error_rate') =>
    report.agents.map((a) => {
      const figure = a.figures.find((f) => f.kpi === kpi);
      return percent(figure ? plainValue(figure.current) : null);
    });
  return {
    grid: { left: 110, right: 20, top: 30, bottom: 24 },
    legend: { top: 0, textStyle: { color: INK, fontSize: 11 } },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 10, formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: report.agents.map((a) => a.agent),
      axisLabel: { fontSize: 11 },
    },
    series: [
      { name: 'Durable %', type: 'bar', data: rate('durable_rate'), itemStyle: { color: ACCENT } },
      { name: 'Containment %', type: 'bar', data: rate('containment_rate'), itemStyle: { color: GOOD } },
      { name: 'Error %', type: 'bar', data: rate('error_rate'), itemStyle: { color: BAD } },
    ],
  };
}

/** The report's two charts as inline SVG, or null when ECharts is not installed. */
export async function renderReportCharts(report: WeeklyReport): Promise<ReportCharts | null> {
  let echarts: ECharts;
  try {
    echarts = await import('echarts');
  } catch {
    return null;
  }
  return {
    daily: svg(echarts, dailyOption(report), 680, 220),
    agents: svg(echarts, agentOption(report), 680, Math.max(120, 60 + report.agents.length * 46)),
  };
}
