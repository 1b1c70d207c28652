import { useEffect } from 'react';
import { useBaseline, useKpis, useRoi } from '../api/queries.js';
import type { BaselineAnswer, KpiAnswer, KpiName } from '../api/types.js';
import { periodLabel, periodQuery, previousPeriod, readPeriod } from '../app/period.js';
import { useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { KpiTile } from '../components/kpi-tile.js';
import { RoiPanel } from '../components/roi-panel.js';
import { ErrorView, Loading } from '../components/states.js';
import { formatUnit } from '../format/kpi-format.js';
import { baselineForMix, cohortFields, describeBaseline } from '../kpi/baseline-mix.js';
import { KPI_CATALOG, OVERVIEW_SECTIONS } from '../kpi/catalog.js';

/** Marked once the value section shows its numbers: bench/dashboard-bench.ts reads it. */
export const VALUE_RENDERED_MARK = 'workledger:overview-value-rendered';

/** Which baseline KPI a tile is compared with (re-weighted to the agents' cohort mix). */
const BASELINE_OF: Partial<Record<KpiName, string>> = {
  cost_per_output: 'cost_per_item',
  mttr_s: 'mttr_s',
  latency_p50_s: 'latency_p50_s',
  latency_p90_s: 'latency_p90_s',
  escalation_rate: 'escalation_rate',
  fcr_rate: 'fcr_rate',
  reopen_rate: 'reopen_rate',
  sla_adherence: 'sla_adherence',
};

function BaselineLine({
  name,
  baseline,
  cohorts,
}: {
  name: KpiName;
  baseline: BaselineAnswer | null | undefined;
  cohorts: KpiAnswer | undefined;
}) {
  const { format } = useSignedIn();
  const baselineKpi = BASELINE_OF[name];
  if (!baselineKpi || baseline === undefined) return null;
  if (baseline === null)
    return (
      <p className="tile-baseline" data-testid={`baseline-${name}`}>
        Baseline: no baseline yet
      </p>
    );
  if (!cohorts) return null;
  const { value } = baselineForMix(baseline, cohorts.groups, baselineKpi);
  const label = baselineKpi === 'cost_per_item' ? 'Baseline cost per item' : 'Baseline';
  return (
    <p className="tile-baseline" data-testid={`baseline-${name}`}>
      {label} (same cohort mix):{' '}
      {value === null ? 'no matching cohorts' : formatUnit(KPI_CATALOG[name].unit, value, format)}
    </p>
  );
}

/** Value first, then velocity, then volume (and quality): one screen says whether the agents pay off. */
export default function OverviewPage() {
  const { format } = useSignedIn();
  const [params] = useSearchParams();
  const period = readPeriod(params);
  const previous = previousPeriod(period);
  const current = useKpis(periodQuery(period, params));
  // The server computes one KPI request at a time: the period's own numbers go first, the comparisons after.
  const ready = current.data !== undefined;
  const prior = useKpis(ready ? periodQuery(previous, params) : null);
  const baseline = useBaseline();
  const cohortQuery =
    ready && baseline.data
      ? periodQuery(period, params, { group_by: cohortFields(baseline.data).join(',') })
      : null;
  const cohorts = useKpis(cohortQuery);
  const roi = useRoi(ready ? periodQuery(period, params) : null);
  const kpis = current.data?.groups[0]?.kpis;
  const previousKpis = prior.data?.groups[0]?.kpis;
  const itemsQuery = periodQuery(period, params);

  useEffect(() => {
    if (kpis && performance.getEntriesByName(VALUE_RENDERED_MARK).length === 0)
      performance.mark(VALUE_RENDERED_MARK);
  }, [kpis]);

  return (
    <div className="page overview">
      <header className="page-header">
        <h1>Overview</h1>
        <p className="page-period" data-testid="period-label">
          {periodLabel(period, format.locale)} · trends against {periodLabel(previous, format.locale)}
        </p>
        {baseline.data === null && (
          <p className="banner" data-testid="baseline-banner">
            No baseline yet: value KPIs appear once the human baseline is frozen (workledger baseline freeze).
          </p>
        )}
        {baseline.data && (
          <p className="banner banner-info" data-testid="baseline-banner">
            {describeBaseline(baseline.data, format.locale)}
          </p>
        )}
      </header>
      {current.error && <ErrorView error={current.error} />}
      {!current.error && !kpis && <Loading label="Computing KPIs…" />}
      {kpis &&
        OVERVIEW_SECTIONS.map((section) => [
          <section
            key={section.group}
            className={`kpi-section section-${section.group}`}
            aria-labelledby={`section-${section.group}`}
            data-testid={`section-${section.group}`}
          >
            <h2 id={`section-${section.group}`}>{section.title}</h2>
            <div className="tile-grid">
              {section.kpis.map((name) => (
                <KpiTile
                  key={name}
                  name={name}
                  kpi={kpis[name]}
                  previous={
                    prior.data ? (previousKpis?.[name] ?? { value: null, ci: null, n: 0 }) : undefined
                  }
                  itemsQuery={itemsQuery}
                >
                  <BaselineLine name={name} baseline={baseline.data} cohorts={cohorts.data} />
                </KpiTile>
              ))}
            </div>
          </section>,
          // Cumulative ROI and what is significantly better or worse follow the period's value.
          section.group === 'value' && roi.data ? <RoiPanel key="roi" roi={roi.data} /> : null,
        ])}
      {kpis && current.data && (
        <p className="footnote">
          KPIs of items opened in the period, as of{' '}
          {new Date(current.data.as_of).toLocaleString(format.locale)}; intervals are 95%. Activity
          (conversations, tokens, calls) is on its own page: it is not a KPI.
        </p>
      )}
    </div>
  );
}
