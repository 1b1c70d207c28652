import type { KpiName, KpiValue } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { formatKpi, shownValue } from '../format/kpi-format.js';

/** A KPI in a table cell: the number, "insufficient data", or a dash whose title says why. */
export function KpiCell({
  name,
  kpi,
  testId,
}: {
  name: KpiName;
  kpi: KpiValue | undefined;
  testId?: string;
}) {
  const { format } = useSignedIn();
  const shown = formatKpi(name, kpi, format);
  const title =
    shown.state === 'null'
      ? (shown.reason ?? undefined)
      : shown.interval
        ? `${shown.interval}, ${shown.n}`
        : shown.n;
  return (
    <span className={`cell-${shown.state}`} title={title} data-testid={testId} data-state={shown.state}>
      {shown.text}
    </span>
  );
}

/** Sort key of a KPI: the number it shows, or null (sorts last) when it shows none. */
export function kpiSortValue(name: KpiName, kpi: KpiValue | undefined): number | null {
  return shownValue(name, kpi);
}
