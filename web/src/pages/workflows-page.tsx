import { useBaseline, useKpis, useNextUseCases, useWorkflows } from '../api/queries.js';
import type { GroupKey, KpiName, KpiSet, KpiValue } from '../api/answers.js';
import { periodQuery, readPeriod } from '../app/period.js';
import { Link, useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { DataTable, type Column } from '../components/data-table.js';
import { KpiCell, kpiSortValue } from '../components/kpi-cell.js';
import { Empty, QueryState } from '../components/states.js';
import { formatCount, formatMoney } from '../format/kpi-format.js';
import { cohortFields, cohortId } from '../kpi/baseline-mix.js';
import { KPI_CATALOG } from '../kpi/catalog.js';

/** Agent KPI and the baseline KPI it is compared with (KPIS.md, Like for like: MTTR end to end). */
const PAIRS: { agent: KpiName; baseline: string }[] = [
  { agent: 'e2e_mttr_s', baseline: 'mttr_s' },
  { agent: 'escalation_rate', baseline: 'escalation_rate' },
  { agent: 'fcr_rate', baseline: 'fcr_rate' },
  { agent: 'sla_adherence', baseline: 'sla_adherence' },
  { agent: 'cost_per_output', baseline: 'cost_per_item' },
];

interface CohortRow {
  id: string;
  key: GroupKey;
  agent: KpiSet | null;
  baseline: Partial<Record<string, KpiValue>> | null;
}

/** Per cohort, the agents against the frozen human baseline; then where to automate next. */
export default function WorkflowsPage() {
  const { format } = useSignedIn();
  const [params] = useSearchParams();
  const period = readPeriod(params);
  const baseline = useBaseline();
  const workflows = useWorkflows();
  const fields = baseline.data ? cohortFields(baseline.data) : ['workflow', 'category', 'priority'];
  const kpis = useKpis(
    baseline.isPending ? null : periodQuery(period, params, { group_by: fields.join(',') }),
  );
  const next = useNextUseCases();
  const workflowName = new Map((workflows.data?.workflows ?? []).map((w) => [w.id, w.name]));

  const rows = (groups: { key: GroupKey; kpis: KpiSet }[]): CohortRow[] => {
    const byId = new Map<string, CohortRow>();
    for (const g of groups)
      byId.set(cohortId(g.key, fields), {
        id: cohortId(g.key, fields),
        key: g.key,
        agent: g.kpis,
        baseline: null,
      });
    for (const c of baseline.data?.cohorts ?? []) {
      const id = cohortId(c.key, fields);
      const row = byId.get(id) ?? { id, key: c.key, agent: null, baseline: null };
      row.baseline = c.kpis;
      byId.set(id, row);
    }
    return [...byId.values()];
  };

  const describe = (key: GroupKey) =>
    fields
      .map((f) =>
        f === 'priority'
          ? `P${key[f] ?? '?'}`
          : f === 'workflow'
            ? (workflowName.get(String(key[f])) ?? key[f] ?? '—')
            : (key[f] ?? '—'),
      )
      .join(' · ');

  const columns: Column<CohortRow>[] = [
    {
      id: 'cohort',
      label: 'Cohort',
      sortValue: (r) => describe(r.key),
      render: (r) => {
        const filters: Record<string, string> = {};
        for (const f of fields)
          if (r.key[f] !== null && r.key[f] !== undefined) filters[f] = String(r.key[f]);
        return <Link to={`/items?${periodQuery(period, params, filters)}`}>{describe(r.key)}</Link>;
      },
    },
    {
      id: 'items_handled',
      label: 'Agent items',
      numeric: true,
      sortValue: (r) => kpiSortValue('items_handled', r.agent?.items_handled),
      render: (r) =>
        r.agent ? <KpiCell name="items_handled" kpi={r.agent.items_handled} /> : 'not automated',
    },
    {
      id: 'baseline_items',
      label: 'Baseline items',
      numeric: true,
      sortValue: (r) => r.baseline?.items_handled?.value ?? null,
      render: (r) =>
        r.baseline?.items_handled ? <KpiCell name="items_handled" kpi={r.baseline.items_handled} /> : '—',
    },
    ...PAIRS.flatMap(({ agent, baseline: base }): Column<CohortRow>[] => [
      {
        id: agent,
        label: `${KPI_CATALOG[agent].label} (agent)`,
        numeric: true,
        sortValue: (r) => kpiSortValue(agent, r.agent?.[agent]),
        render: (r) => (r.agent ? <KpiCell name={agent} kpi={r.agent[agent]} /> : '—'),
      },
      {
        id: `baseline-${base}`,
        label: `${KPI_CATALOG[agent].label} (baseline)`,
        numeric: true,
        sortValue: (r) => kpiSortValue(agent, r.baseline?.[base]),
        render: (r) => (r.baseline?.[base] ? <KpiCell name={agent} kpi={r.baseline[base]} /> : '—'),
      },
    ]),
  ];

  return (
    <div className="page">
      <header className="page-header">
        <h1>Workflows and cohorts</h1>
        <p>Agents against the frozen human baseline, cohort by cohort ({fields.join(' × ')}).</p>
        {baseline.data === null && (
          <p className="banner" data-testid="baseline-banner">
            No baseline yet: only the agents&apos; side is shown.
          </p>
        )}
      </header>
      <section aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">Baseline vs agents per cohort</h2>
        <QueryState query={kpis}>
          {(answer) => {
            const list = rows(answer.groups);
            return list.length === 0 ? (
              <Empty>No cohorts in this period.</Empty>
            ) : (
              <DataTable
                columns={columns}
                rows={list}
                rowKey={(r) => r.id}
                initialSort={{ id: 'items_handled', direction: 'descending' }}
                caption="Baseline vs agents per cohort"
                testId="cohorts-table"
              />
            );
          }}
        </QueryState>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">Next use case</h2>
        <QueryState query={next}>
          {(answer) => {
            const candidates = answer?.candidates ?? [];
            if (answer === null)
              return <Empty>The ranking needs a frozen baseline; none is available yet.</Empty>;
            if (candidates.length === 0) return <Empty>Every baseline cohort already has an agent.</Empty>;
            const money = (v: number | undefined) => (v === undefined ? '—' : formatMoney(v, format));
            return (
              <>
                {answer.automation_rate !== undefined && (
                  <p>
                    Projected value assumes{' '}
                    {new Intl.NumberFormat(format.locale, { style: 'percent' }).format(
                      answer.automation_rate,
                    )}{' '}
                    automation
                    {answer.automation_rate_source ? ` (${answer.automation_rate_source})` : ''}.
                  </p>
                )}
                <div className="table-scroll">
                  <table className="data-table" data-testid="next-use-cases">
                    <thead>
                      <tr>
                        <th scope="col">Rank</th>
                        <th scope="col">Workflow · category</th>
                        <th scope="col" className="num">
                          Items / month
                        </th>
                        <th scope="col" className="num">
                          Baseline cost per item
                        </th>
                        <th scope="col" className="num">
                          Projected value / month
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {candidates.map((c, i) => (
                        <tr key={`${c.workflow}-${c.category}`}>
                          <td>{i + 1}</td>
                          <td>
                            {c.workflow ?? '—'} · {c.category ?? '—'}
                          </td>
                          <td className="num">
                            {c.monthly_volume === undefined
                              ? '—'
                              : formatCount(c.monthly_volume, format.locale)}
                          </td>
                          <td className="num">{money(c.baseline_cost_per_item)}</td>
                          <td className="num">{money(c.projected_monthly_value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            );
          }}
        </QueryState>
      </section>
    </div>
  );
}
