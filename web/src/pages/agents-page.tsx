import { useAgents, useKpis } from '../api/queries.js';
import type { KpiGroup, KpiName, KpiSet } from '../api/answers.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { DataTable, type Column } from '../components/data-table.js';
import { KpiCell, kpiSortValue } from '../components/kpi-cell.js';
import { Empty, QueryState } from '../components/states.js';
import { hasBaselineBeside } from '../format/baseline-format.js';
import { formatUnit } from '../format/kpi-format.js';
import { KPI_CATALOG } from '../kpi/catalog.js';

interface AgentRow {
  id: string;
  name: string;
  kpis: KpiSet;
  baseline: KpiGroup['baseline'];
}

const KPI_COLUMNS: KpiName[] = [
  'items_handled',
  'containment_rate',
  'escalation_rate',
  'error_rate',
  'e2e_mttr_s',
  'e2e_latency_p90_s',
  'cost_per_output',
  'total_cost',
  'net_savings',
  'roi',
];

/** Every agent with its KPIs against the human baseline of its own cohort mix; sortable by any column. */
export default function AgentsPage() {
  const { format } = useSignedIn();
  const [params] = useSearchParams();
  const period = readPeriod(params);
  // Each agent's group carries the baseline re-weighted by the server to that agent's cohort mix.
  const kpis = useKpis(periodQuery(period, params, { group_by: 'agent' }));
  const agents = useAgents();
  const names = new Map((agents.data?.agents ?? []).map((a) => [a.id, a.name]));

  const rows = (groups: readonly KpiGroup[]): AgentRow[] =>
    groups.map((g) => {
      const id = String(g.key.agent);
      return { id, name: names.get(id) ?? id, kpis: g.kpis, baseline: g.baseline };
    });

  const baselineCell = (row: AgentRow, name: KpiName): string => {
    if (!hasBaselineBeside(name)) return '';
    if (row.baseline === undefined) return 'no baseline';
    const figure = row.baseline.kpis[name];
    return figure.value === null
      ? ''
      : `baseline ${formatUnit(KPI_CATALOG[name].unit, figure.value, format)}`;
  };

  const columns: Column<AgentRow>[] = [
    {
      id: 'agent',
      label: 'Agent',
      sortValue: (r) => r.name,
      render: (r) => (
        <Link
          to={`/agents/${encodeURIComponent(r.id)}?${periodQuery(period, params)}`}
          data-testid={`agent-link-${r.id}`}
        >
          {r.name}
        </Link>
      ),
    },
    ...KPI_COLUMNS.map((name): Column<AgentRow> => ({
      id: name,
      label: KPI_CATALOG[name].label,
      numeric: true,
      sortValue: (r) => kpiSortValue(name, r.kpis[name]),
      render: (r) => (
        <>
          <KpiCell name={name} kpi={r.kpis[name]} testId={`agent-${r.id}-${name}`} />
          {hasBaselineBeside(name) && (
            <span className="cell-baseline" data-testid={`agent-${r.id}-${name}-baseline`}>
              {baselineCell(r, name)}
            </span>
          )}
        </>
      ),
    })),
  ];

  return (
    <div className="page">
      <header className="page-header">
        <h1>Agents</h1>
        <p>
          Each agent&apos;s KPIs in the period; baselines are the human team&apos;s, re-weighted by the server
          to that agent&apos;s cohort mix (by handled items; cost per item by verified outcomes).
        </p>
      </header>
      <QueryState query={kpis}>
        {(answer) =>
          answer.groups.length === 0 ? (
            <Empty>No agent handled items in this period.</Empty>
          ) : (
            <DataTable
              columns={columns}
              rows={rows(answer.groups)}
              rowKey={(r) => r.id}
              initialSort={{ id: 'items_handled', direction: 'descending' }}
              caption="Agents and their KPIs"
              testId="agents-table"
            />
          )
        }
      </QueryState>
    </div>
  );
}
