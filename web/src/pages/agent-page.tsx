import { useAgents, useKpis } from '../api/queries.js';
import type { KpiAnswer, KpiName } from '../api/answers.js';
import { periodQuery, readPeriod } from '../app/period.js';
import type { PageProps } from '../app/page-props.js';
import { Link, useSearchParams } from '../app/router.js';
import { BaselineLine } from '../components/baseline-line.js';
import { DataTable, type Column } from '../components/data-table.js';
import { KpiCell, kpiSortValue } from '../components/kpi-cell.js';
import { KpiTile } from '../components/kpi-tile.js';
import { ProvisionalBanner, TrendBasis } from '../components/maturity-notes.js';
import { Empty, QueryState } from '../components/states.js';
import { isMaturing, KPI_CATALOG } from '../kpi/catalog.js';
import { AgentCosts } from './agent/agent-costs.js';
import { AgentOutcomes } from './agent/agent-outcomes.js';
import { AgentTrend } from './agent/agent-trend.js';

const TILES: KpiName[] = [
  'cost_per_output',
  'net_savings',
  'total_cost',
  'containment_rate',
  'durable_rate',
  'escalation_rate',
  'error_rate',
  'e2e_mttr_s',
  'e2e_latency_p90_s',
  'mttr_s',
  'items_handled',
];
const COHORT_COLUMNS: KpiName[] = [
  'items_handled',
  'containment_rate',
  'escalation_rate',
  'e2e_mttr_s',
  'cost_per_output',
];

type CohortRow = KpiAnswer['groups'][number];

/** Cohorts the agent worked in (human items of other cohorts only count towards coverage). */
const agentCohorts = (answer: KpiAnswer) =>
  answer.groups.filter((g) => (g.kpis.items_handled?.value ?? 0) > 0);

const cohortColumns: Column<CohortRow>[] = [
  {
    id: 'cohort',
    label: 'Cohort',
    sortValue: (r) => `${r.key.workflow} ${r.key.category} ${r.key.priority}`,
    render: (r) => `${r.key.workflow ?? '—'} · ${r.key.category ?? '—'} · P${r.key.priority ?? '?'}`,
  },
  ...COHORT_COLUMNS.map((name): Column<CohortRow> => ({
    id: name,
    label: KPI_CATALOG[name].label,
    numeric: true,
    sortValue: (r) => kpiSortValue(name, r.kpis[name]),
    render: (r) => <KpiCell name={name} kpi={r.kpis[name]} />,
  })),
];

/** One agent: its KPIs with the server's trends, the trend by week or day, outcome mix, cost components and cohorts. */
export default function AgentPage({ params: { agentId = '' } }: PageProps) {
  const [params] = useSearchParams();
  const period = readPeriod(params);
  const scope = { agent: agentId };
  const query = (extra: Record<string, string> = {}) => periodQuery(period, params, { ...scope, ...extra });
  const agents = useAgents();
  // One request: the agent's KPIs, the baseline beside them and the server's comparison with the period before.
  const kpis = useKpis(query({ compare: 'previous' }));
  const cohorts = useKpis(query({ group_by: 'workflow,category,priority' }));
  const agent = agents.data?.agents.find((a) => a.id === agentId);

  return (
    <div className="page">
      <header className="page-header">
        <p className="breadcrumb">
          <Link to={`/agents?${periodQuery(period, params)}`}>Agents</Link> /
        </p>
        <h1 data-testid="agent-title">{agent?.name ?? agentId}</h1>
        {agent && (
          <p>
            {agent.vendor ?? 'unknown vendor'} · version {agent.version ?? '—'} · id {agent.id}
          </p>
        )}
      </header>

      <section aria-labelledby="agent-kpis">
        <h2 id="agent-kpis">KPIs</h2>
        <QueryState query={kpis}>
          {(answer) => (
            <>
              <TrendBasis answer={answer} />
              <ProvisionalBanner answer={answer} />
              <div className="tile-grid">
                {TILES.map((name) => (
                  <KpiTile
                    key={name}
                    name={name}
                    kpi={answer.groups[0]?.kpis[name]}
                    change={answer.comparison?.groups[0]?.kpis[name]}
                    provisional={!answer.maturity.settled && isMaturing(name)}
                    itemsQuery={query()}
                  >
                    <BaselineLine name={name} group={answer.groups[0]} />
                  </KpiTile>
                ))}
              </div>
            </>
          )}
        </QueryState>
      </section>

      <AgentTrend query={query} />

      <div className="two-columns">
        <AgentOutcomes query={query()} itemsFor={(extra) => `/items?${query(extra)}`} />
        <AgentCosts query={query()} />
      </div>

      <section aria-labelledby="agent-cohorts">
        <h2 id="agent-cohorts">Cohorts</h2>
        <QueryState query={cohorts}>
          {(answer) =>
            agentCohorts(answer).length === 0 ? (
              <Empty>No items in this period.</Empty>
            ) : (
              <DataTable
                columns={cohortColumns}
                rows={agentCohorts(answer)}
                rowKey={(r) => JSON.stringify(r.key)}
                initialSort={{ id: 'items_handled', direction: 'descending' }}
                caption="KPIs per cohort"
                testId="cohort-table"
              />
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
