import { useEffect } from 'react';
import { useBaseline, useKpis, useRoi } from '../api/queries.js';
import { periodLabel, periodQuery, readPeriod } from '../app/period.js';
import { useSearchParams } from '../app/router.js';
import { useSignedIn } from '../app/session-context.js';
import { BaselineLine } from '../components/baseline-line.js';
import { KpiTile } from '../components/kpi-tile.js';
import { ProvisionalBanner, TrendBasis } from '../components/maturity-notes.js';
import { RoiPanel } from '../components/roi-panel.js';
import { ErrorView, Loading } from '../components/states.js';
import { describeBaseline } from '../kpi/baseline-mix.js';
import { isMaturing, OVERVIEW_SECTIONS } from '../kpi/catalog.js';

/** Marked once the value section shows its numbers: bench/dashboard-bench.ts reads it. */
export const VALUE_RENDERED_MARK = 'workledger:overview-value-rendered';

/** Value first, then velocity, then volume (and quality): one screen says whether the agents pay off. */
export default function OverviewPage() {
  const { format } = useSignedIn();
  const [params] = useSearchParams();
  const period = readPeriod(params);
  const itemsQuery = periodQuery(period, params);
  // One request: the period, its baseline beside each KPI and the server's comparison with the one before.
  const current = useKpis(periodQuery(period, params, { compare: 'previous' }));
  const ready = current.data !== undefined;
  const baseline = useBaseline();
  // The server computes one KPI request at a time: the period's own numbers go first, the ROI after.
  const roi = useRoi(ready ? itemsQuery : null);
  const group = current.data?.groups[0];
  const kpis = group?.kpis;
  const changes = current.data?.comparison?.groups[0]?.kpis;
  const provisional = current.data?.maturity.settled === false;

  useEffect(() => {
    if (kpis && performance.getEntriesByName(VALUE_RENDERED_MARK).length === 0)
      performance.mark(VALUE_RENDERED_MARK);
  }, [kpis]);

  return (
    <div className="page overview">
      <header className="page-header">
        <h1>Overview</h1>
        <p className="page-period" data-testid="period-label">
          {periodLabel(period, format.locale)}
        </p>
        {current.data && <TrendBasis answer={current.data} />}
        {current.data && <ProvisionalBanner answer={current.data} />}
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
                  change={changes?.[name]}
                  provisional={provisional && isMaturing(name)}
                  itemsQuery={itemsQuery}
                >
                  <BaselineLine name={name} group={group} />
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
