import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useCosts } from '../../api/queries.js';
import type { CostComponent } from '../../api/answers.js';
import { Chart } from '../../components/chart.js';
import { CostComponentsTable } from '../../components/cost-components-table.js';
import { QueryState } from '../../components/states.js';
import { costRows } from '../../kpi/cost-components.js';

/** The agent's AI cost, every component side by side; they add up to its total AI cost KPI. */
export function AgentCosts({ query }: { query: string }) {
  const costs = useCosts(query);
  const amounts = useMemo(
    (): Partial<Record<CostComponent, number>> =>
      Object.fromEntries((costs.data?.kinds ?? []).map((k) => [k.kind, k.amount])),
    [costs.data],
  );
  const option = useMemo((): EChartsCoreOption | null => {
    if (!costs.data) return null;
    // Bottom to top in ECharts' category axis: reversed, so the list reads like the table.
    const rows = costRows(amounts).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 150, right: 24, top: 16, bottom: 48 },
      xAxis: { type: 'value', name: costs.data.currency, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: rows.map((r) => r.label) },
      series: [{ type: 'bar', name: 'Amount', data: rows.map((r) => r.amount) }],
    };
  }, [costs.data, amounts]);

  return (
    <section aria-labelledby="agent-costs">
      <h2 id="agent-costs">Cost components</h2>
      <QueryState query={costs}>
        {(answer) => (
          <>
            {option && answer.total > 0 && (
              <Chart option={option} testId="cost-chart" label="Cost components" height={260} />
            )}
            <CostComponentsTable amounts={amounts} total={answer.total} currency={answer.currency} />
          </>
        )}
      </QueryState>
    </section>
  );
}
