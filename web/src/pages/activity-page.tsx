import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useActivity } from '../api/queries.js';
import type { ActivityCounts } from '../api/answers.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { Chart } from '../components/chart.js';
import { Empty, QueryState } from '../components/states.js';
import { formatCount } from '../format/kpi-format.js';

const COUNTS: { name: keyof ActivityCounts; label: string; note: string }[] = [
  { name: 'conversations', label: 'Conversations', note: 'agent items opened, any outcome' },
  { name: 'messages', label: 'Messages', note: 'conversation turns the agents reported' },
  { name: 'model_calls', label: 'Model calls', note: 'inference usage records' },
  { name: 'tokens_in', label: 'Tokens in', note: 'prompt tokens' },
  { name: 'tokens_out', label: 'Tokens out', note: 'completion tokens' },
];

/** Activity (KPIS.md's vanity metrics): how busy the agents were; kept apart from every KPI. */
export default function ActivityPage() {
  const { format } = useSignedIn();
  const [params, update] = useSearchParams();
  const period = readPeriod(params);
  const bucket = params.get('bucket') === 'week' ? 'week' : 'day';
  const activity = useActivity(periodQuery(period, params, { group_by: bucket }));

  const option = useMemo((): EChartsCoreOption | null => {
    if (!activity.data) return null;
    const series = activity.data.series;
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 56, right: 56, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: series.map((s) => s.period) },
      yAxis: [
        { type: 'value', name: 'conversations' },
        { type: 'value', name: 'tokens' },
      ],
      series: [
        { type: 'bar', name: 'Conversations', data: series.map((s) => s.conversations) },
        {
          type: 'line',
          name: 'Tokens (in + out)',
          yAxisIndex: 1,
          data: series.map((s) => s.tokens_in + s.tokens_out),
        },
      ],
    };
  }, [activity.data]);

  return (
    <div className="page activity">
      <header className="page-header">
        <h1>Activity</h1>
        <p className="banner banner-activity" data-testid="activity-label">
          Activity, not KPIs: these numbers count effort, not outcomes. They are never used in value or
          quality figures.
        </p>
      </header>
      <QueryState query={activity}>
        {(answer) =>
          answer.totals.conversations === 0 ? (
            <Empty>No agent activity in this period.</Empty>
          ) : (
            <>
              <section aria-labelledby="activity-totals">
                <h2 id="activity-totals">In the period</h2>
                <div className="tile-grid">
                  {COUNTS.map((c) => (
                    <article key={c.name} className="tile tile-activity">
                      <h3 className="tile-label">{c.label}</h3>
                      <p className="tile-value" data-testid={`activity-${c.name}`}>
                        {formatCount(answer.totals[c.name], format.locale)}
                      </p>
                      <p className="tile-n">{c.note}</p>
                    </article>
                  ))}
                </div>
              </section>
              <section aria-labelledby="activity-chart">
                <h2 id="activity-chart">By {bucket}</h2>
                <div className="chart-controls" role="group" aria-label="Bucket">
                  {(['day', 'week'] as const).map((b) => (
                    <button
                      key={b}
                      type="button"
                      aria-pressed={bucket === b}
                      onClick={() => update({ bucket: b })}
                    >
                      By {b}
                    </button>
                  ))}
                </div>
                {option && (
                  <Chart
                    option={option}
                    testId="activity-chart"
                    label={`Conversations and tokens by ${bucket}`}
                  />
                )}
              </section>
            </>
          )
        }
      </QueryState>
    </div>
  );
}
