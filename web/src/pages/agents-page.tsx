import { useAgents, useBaseline, useKpis } from '../api/queries.js';
import type { GroupKey, KpiName, KpiSet } from '../api/types.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { DataTable, type Column } from '../components/data-table.js';
import { KpiCell, kpiSortValue } from '../components/kpi-cell.js';
import { Empty, QueryState } from '../components/states.js';
import { formatUnit } from '../format/kpi-format.js';
import { baselineForMix, cohortFields } from '../kpi/baseline-mix.js';
import { KPI_CATALOG } from '../kpi/catalog.js';

interface AgentRow {
  id: string;
  name: string;
  kpis: KpiSet;
  baseline: Partial<Record<string, number | null>>;
}

const KPI_COLUMNS: KpiName[] = [
  'items_handled',
  'containment_rate',
  'escalation_rate',
  'error_rate',
  'mttr_s',
  'latency_p90_s',
  'cost_per_output',
  'total_cost',
  'net_savings',
  'roi',
];
const BASELINE_OF: Partial<Record<KpiName, string>> = {
  escalation_rate: 'escalation_rate',
  mttr_s: 'mttr_s',
  latency_p90_s: 'latency_p90_s',
  cost_per_output: 'cost_per_item',
};

/** Every agent with its KPIs against the human baseline of its own cohort mix; sortable by any column. */
export default function AgentsPage() {
  const { format } = useSignedIn();
  const [params] = useSearchParams();
  const period = readPeriod(params);
  const kpis = useKpis(periodQuery(period, params, { group_by: 'agent' }));
  const agents = useAgents();
  const baseline = useBaseline();
  const mix = useKpis(
    baseline.data
      ? periodQuery(period, params, { group_by: ['agent', ...cohortFields(baseline.data)].join(',') })
      : null,
  );
  const names = new Map((agents.data?.agents ?? []).map((a) => [a.id, a.name]));

  const rows = (answer: { groups: { key: GroupKey; kpis: KpiSet }[] }): AgentRow[] =>
    answer.groups.map((g) => {
      const id = String(g.key.agent);
      const cohorts = (mix.data?.groups ?? []).filter((c) => c.key.agent === id);
      const base: AgentRow['baseline'] = {};
      for (const [kpi, baselineKpi] of Object.entries(BASELINE_OF))
        base[kpi] = baseline.data ? baselineForMix(baseline.data, cohorts, baselineKpi).value : null;
      return { id, name: names.get(id) ?? id, kpis: g.kpis, baseline: base };
    });

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
      render: (r) => {
        const base = r.baseline[name];
        return (
          <>
            <KpiCell name={name} kpi={r.kpis[name]} testId={`agent-${r.id}-${name}`} />
            {BASELINE_OF[name] && (
              <span className="cell-baseline">
                {baseline.data === null
                  ? 'no baseline'
                  : base === null || base === undefined
                    ? ''
                    : `baseline ${formatUnit(KPI_CATALOG[name].unit, base, format)}`}
              </span>
            )}
          </>
        );
      },
    })),
  ];

  return (
    <div className="page">
      <header className="page-header">
        <h1>Agents</h1>
        <p>
          Each agent&apos;s KPIs in the period; baselines are the human team&apos;s, re-weighted to that
          agent&apos;s cohort mix.
        </p>
      </header>
      <QueryState query={kpis}>
        {(answer) =>
          answer.groups.length === 0 ? (
            <Empty>No agent handled items in this period.</Empty>
          ) : (
            <DataTable
              columns={columns}
              rows={rows(answer)}
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
