import type { KpiValue, RoiAnswer } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { formatKpi } from '../format/kpi-format.js';
import { CostComponentsTable } from './cost-components-table.js';
import { SignificanceTable } from './significance-table.js';

const YEAR_THREE_BAND = '150–300% cumulative ROI by year three';

function RoiFigure({
  label,
  kpi,
  testId,
  note,
}: {
  label: string;
  kpi: KpiValue | null | undefined;
  testId: string;
  note?: string;
}) {
  const { format } = useSignedIn();
  const shown = formatKpi('roi', kpi ?? undefined, format);
  return (
    <article className={`tile tile-${shown.state}`} data-state={shown.state}>
      <h3 className="tile-label">{label}</h3>
      <p className="tile-value" data-testid={testId}>
        {shown.text}
      </p>
      {shown.reason && <p className="tile-reason">{shown.reason}</p>}
      {shown.interval && <p className="tile-ci">{shown.interval}</p>}
      {note && <p className="tile-benchmark">{note}</p>}
    </article>
  );
}

/**
 * Cumulative ROI since go-live and its projection, every cost component of the period side by side,
 * and what is significantly better or worse than the humans.
 */
export function RoiPanel({ roi }: { roi: RoiAnswer }) {
  const { format } = useSignedIn();
  const since = roi.since_go_live
    ? new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(roi.since_go_live),
      )
    : null;
  return (
    <section className="kpi-section" aria-labelledby="section-roi" data-testid="section-roi">
      <h2 id="section-roi">Since go-live{since ? ` (${since})` : ''}</h2>
      <div className="tile-grid">
        <RoiFigure
          label="Cumulative ROI"
          kpi={roi.roi_cumulative}
          testId="roi-cumulative"
          note={`Benchmark: ${YEAR_THREE_BAND}`}
        />
        <RoiFigure
          label="Projected ROI, end of year one"
          kpi={roi.projection?.year_one_roi}
          testId="roi-year-one"
        />
        <RoiFigure
          label="Projected ROI, end of year three"
          kpi={roi.projection?.year_three_roi}
          testId="roi-year-three"
          note={`Benchmark: ${YEAR_THREE_BAND}`}
        />
      </div>
      <div className="roi-details">
        <div className="table-scroll roi-costs">
          <CostComponentsTable
            amounts={roi.costs}
            total={roi.value.total_cost.value ?? 0}
            currency={roi.currency}
            testIdPrefix="roi-cost"
            caption="The period's AI cost, every component"
          />
        </div>
        <div className="roi-significance">
          <SignificanceTable roi={roi} />
        </div>
      </div>
    </section>
  );
}
