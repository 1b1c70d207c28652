import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useKpis } from '../../api/queries.js';
import type { KpiAnswer, KpiName } from '../../api/answers.js';
import { useSearchParams } from '../../app/router.js';
import { useSignedIn } from '../../app/session-context.js';
import { Chart } from '../../components/chart.js';
import { Empty, QueryState } from '../../components/states.js';
import { shownValue } from '../../format/kpi-format.js';
import { KPI_CATALOG } from '../../kpi/catalog.js';

const TREND_METRICS: KpiName[] = [
  'containment_rate',
  'escalation_rate',
  'error_rate',
  'items_handled',
  'e2e_mttr_s',
  'mttr_s',
  'cost_per_output',
];

/** Says how many buckets are gaps because they hold too few items to show (KPIS.md: insufficient data). */
function TrendGaps({
  answer,
  metric,
  bucket,
}: {
  answer: KpiAnswer;
  metric: KpiName;
  bucket: 'day' | 'week';
}) {
  const gaps = answer.groups.filter((g) => shownValue(metric, g.kpis[metric]) === null).length;
  if (gaps === 0) return null;
  return (
    <p className="chart-note" data-testid="trend-gaps">
      {gaps} of {answer.groups.length} {bucket === 'day' ? 'days' : 'weeks'} are gaps: fewer than 30 items or
      no value (insufficient data).{bucket === 'day' ? ' By week has more items per point.' : ''}
    </p>
  );
}

/** One KPI of the agent by week (default) or day; bucket and KPI are in the URL. */
export function AgentTrend({ query }: { query: (extra: Record<string, string>) => string }) {
  const { format } = useSignedIn();
  const [params, update] = useSearchParams();
  const bucket = params.get('bucket') === 'day' ? 'day' : 'week';
  const metric = TREND_METRICS.find((m) => m === params.get('metric')) ?? 'containment_rate';
  const trend = useKpis(query({ group_by: bucket }));

  const option = useMemo((): EChartsCoreOption | null => {
    if (!trend.data) return null;
    const unit = KPI_CATALOG[metric].unit;
    const scale = unit === 'rate' ? 100 : unit === 'seconds' ? 1 / 3600 : 1;
    const axisName =
      unit === 'rate' ? '%' : unit === 'seconds' ? 'hours' : unit === 'money' ? format.currency : '';
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: trend.data.groups.map((g) => String(g.key[bucket])) },
      yAxis: { type: 'value', name: axisName },
      series: [
        {
          type: 'line',
          name: KPI_CATALOG[metric].label,
          // Buckets with too few items are gaps, not points: KPIS.md's "insufficient data".
          data: trend.data.groups.map((g) => {
            const value = shownValue(metric, g.kpis[metric]);
            return value === null ? null : Number((value * scale).toFixed(3));
          }),
          connectNulls: false,
        },
      ],
    };
  }, [trend.data, metric, bucket, format.currency]);

  return (
    <section aria-labelledby="agent-trend">
      <h2 id="agent-trend">Trend</h2>
      <div className="chart-controls">
        <div role="group" aria-label="Bucket">
          {(['week', 'day'] as const).map((b) => (
            <button
              key={b}
              type="button"
              aria-pressed={bucket === b}
              onClick={() => update({ bucket: b })}
              data-testid={`bucket-${b}`}
            >
              By {b}
            </button>
          ))}
        </div>
        <label>
          Metric
          <select
            value={metric}
            onChange={(e) => update({ metric: e.target.value })}
            data-testid="trend-metric"
          >
            {TREND_METRICS.map((m) => (
              <option key={m} value={m}>
                {KPI_CATALOG[m].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={trend}>
        {(answer) =>
          answer.groups.length === 0 || !option ? (
            <Empty>No items in this period.</Empty>
          ) : (
            <>
              <Chart
                option={option}
                testId="trend-chart"
                label={`${KPI_CATALOG[metric].label} by ${bucket}`}
              />
              <TrendGaps answer={answer} metric={metric} bucket={bucket} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}
