import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useOutcomeMix } from '../../api/queries.js';
import { Link } from '../../app/router.js';
import { useSignedIn } from '../../app/session-context.js';
import { Chart } from '../../components/chart.js';
import { Empty, QueryState } from '../../components/states.js';
import { formatCount } from '../../format/kpi-format.js';

const OUTCOMES = ['resolved', 'escalated', 'failed', 'abandoned', 'open'] as const;

/** How the agent's items ended, each count linking to those items. */
export function AgentOutcomes({
  query,
  itemsFor,
}: {
  query: string;
  itemsFor: (extra: Record<string, string>) => string;
}) {
  const { format } = useSignedIn();
  const outcomes = useOutcomeMix(query);
  const option = useMemo((): EChartsCoreOption | null => {
    const group = outcomes.data?.groups[0];
    if (!group) return null;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: OUTCOMES.map((o) => ({ name: o, value: group.counts[o] })),
        },
      ],
    };
  }, [outcomes.data]);

  return (
    <section aria-labelledby="agent-outcomes">
      <h2 id="agent-outcomes">Outcome mix</h2>
      <QueryState query={outcomes}>
        {(answer) => {
          const group = answer.groups[0];
          if (!group || group.total === 0) return <Empty>No items in this period.</Empty>;
          return (
            <>
              {option && <Chart option={option} testId="outcome-chart" label="Outcome mix" height={240} />}
              <table className="data-table compact" data-testid="outcome-table">
                <thead>
                  <tr>
                    <th scope="col">Outcome</th>
                    <th scope="col" className="num">
                      Items
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {OUTCOMES.map((o) => (
                    <tr key={o}>
                      <td>{o}</td>
                      <td className="num">
                        <Link to={itemsFor({ handled_by: 'agent', outcome: o })} data-testid={`outcome-${o}`}>
                          {formatCount(group.counts[o], format.locale)}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
