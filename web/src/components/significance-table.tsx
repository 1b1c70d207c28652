import type { RoiAnswer, SignificanceRow } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { formatUnit, type FormatContext } from '../format/kpi-format.js';
import { isKpiName, KPI_CATALOG } from '../kpi/catalog.js';

/** Where a KPI name of the table is known, its label and unit; otherwise the raw name. */
function describe(kpi: string, format: FormatContext): { label: string; show: (value: number) => string } {
  if (!isKpiName(kpi)) return { label: kpi, show: (value) => String(value) };
  const spec = KPI_CATALOG[kpi];
  return { label: spec.label, show: (value) => formatUnit(spec.unit, value, format) };
}

/** "p = 0.051", "p < 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

function Row({ row }: { row: SignificanceRow }) {
  const { format } = useSignedIn();
  const { label, show } = describe(row.kpi, format);
  // The server's verdict already rests on the adjusted p-value; the colour repeats its words.
  const verdictClass =
    row.verdict === 'better' ? 'trend-better' : row.verdict === 'worse' ? 'trend-worse' : 'trend-same';
  return (
    <tr data-testid={`significance-${row.kpi}`}>
      <td>{label}</td>
      <td className="num">{row.agent === null ? '—' : show(row.agent)}</td>
      <td className="num">{row.baseline === null ? '—' : show(row.baseline)}</td>
      <td data-testid={`test-${row.kpi}`}>{row.test}</td>
      <td className="num nowrap" data-testid={`p-${row.kpi}`}>
        {row.p === null ? '—' : `p ${formatP(row.p)}`}
        {row.p_adjusted !== null && (
          <span className="cell-baseline">adjusted p {formatP(row.p_adjusted)}</span>
        )}
      </td>
      <td className={verdictClass} data-testid={`verdict-${row.kpi}`}>
        {row.verdict}
        {row.reason && <span className="cell-baseline">{row.reason}</span>}
      </td>
    </tr>
  );
}

/** The ROI statement's tests against the baseline, as the server ran and corrected them. */
export function SignificanceTable({ roi }: { roi: RoiAnswer }) {
  if (roi.significance.length === 0) return null;
  return (
    <>
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
              <th scope="col">Test</th>
              <th scope="col" className="num">
                p
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {roi.significance.map((row) => (
              <Row key={row.kpi} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="footnote" data-testid="multiple-comparisons">
        {roi.multiple_comparisons}.
      </p>
    </>
  );
}
