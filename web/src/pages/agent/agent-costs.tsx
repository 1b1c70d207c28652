import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useCosts } from '../../api/queries.js';
import { useSignedIn } from '../../app/session-context.js';
import { Chart } from '../../components/chart.js';
import { QueryState } from '../../components/states.js';
import { formatMoney } from '../../format/kpi-format.js';

/** The agent's AI cost by kind; the total equals its total AI cost KPI. */
export function AgentCosts({ query }: { query: string }) {
  const { format } = useSignedIn();
  const costs = useCosts(query);
  const option = useMemo((): EChartsCoreOption | null => {
    if (!costs.data) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 64, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: costs.data.kinds.map((k) => k.kind) },
      yAxis: { type: 'value', name: costs.data.currency },
      series: [{ type: 'bar', data: costs.data.kinds.map((k) => k.amount) }],
    };
  }, [costs.data]);

  return (
    <section aria-labelledby="agent-costs">
      <h2 id="agent-costs">Costs by kind</h2>
      <QueryState query={costs}>
        {(answer) => {
          const money = (amount: number) =>
            formatMoney(amount, { locale: format.locale, currency: answer.currency });
          return (
            <>
              {option && answer.total > 0 && (
                <Chart option={option} testId="cost-chart" label="Costs by kind" height={240} />
              )}
              <table className="data-table compact" data-testid="cost-table">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {answer.kinds.map((k) => (
                    <tr key={k.kind}>
                      <td>{k.kind}</td>
                      <td className="num" data-testid={`cost-${k.kind}`}>
                        {money(k.amount)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="num" data-testid="cost-total">
                      {money(answer.total)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
