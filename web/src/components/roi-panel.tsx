import type { KpiValue, RoiAnswer } from '../api/types.js';
import { useSignedIn } from '../app/session-context.js';
import { formatKpi, formatUnit, type FormatContext } from '../format/kpi-format.js';
import { isKpiName, KPI_CATALOG } from '../kpi/catalog.js';

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

/** Where a KPI name of the significance table is known, its label and unit; otherwise the raw name. */
function describe(kpi: string, format: FormatContext): { label: string; show: (value: number) => string } {
  if (!isKpiName(kpi)) return { label: kpi, show: (value) => String(value) };
  const spec = KPI_CATALOG[kpi];
  return { label: spec.label, show: (value) => formatUnit(spec.unit, value, format) };
}

function SignificanceRow({ row }: { row: NonNullable<RoiAnswer['significance']>[number] }) {
  const { format } = useSignedIn();
  const { label, show } = describe(row.kpi, format);
  const verdictClass =
    row.verdict === 'better' ? 'trend-better' : row.verdict === 'worse' ? 'trend-worse' : 'trend-same';
  return (
    <tr>
      <td>{label}</td>
      <td className="num">{row.agent === null ? '—' : show(row.agent)}</td>
      <td className="num">{row.baseline === null ? '—' : show(row.baseline)}</td>
      <td className={verdictClass} data-testid={`verdict-${row.kpi}`}>
        {row.verdict}
        {row.p !== null && (
          <span className="cell-baseline">{row.p < 0.001 ? 'p < 0.001' : `p = ${row.p.toFixed(3)}`}</span>
        )}
        {row.reason && <span className="cell-baseline">{row.reason}</span>}
      </td>
    </tr>
  );
}

/** Cumulative ROI since go-live, its projection, and what is significantly better or worse than the humans. */
export function RoiPanel({ roi }: { roi: RoiAnswer }) {
  const { format } = useSignedIn();
  const since = roi.since_go_live
    ? new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(roi.since_go_live),
      )
    : null;
  const significance = roi.significance ?? [];
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
      {significance.length > 0 && (
        <div className="table-scroll significance">
          <table className="data-table" data-testid="significance-table">
            <caption>Against the baseline (only what the data supports)</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">
                  Agents
                </th>
                <th scope="col" className="num">
                  Baseline
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {significance.map((row) => (
                <SignificanceRow key={row.kpi} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
