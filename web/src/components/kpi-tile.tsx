import type { ReactNode } from 'react';
import type { KpiChange, KpiName, KpiValue } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { Link } from '../app/router.js';
import { formatChange, type ChangeVerdict } from '../format/change-format.js';
import { formatKpi } from '../format/kpi-format.js';
import { KPI_CATALOG } from '../kpi/catalog.js';
import { drillDownPath } from '../kpi/drill-down.js';

export interface KpiTileProps {
  name: KpiName;
  kpi: KpiValue | undefined;
  /** The server's change against the previous period (GET /v1/kpis?compare=previous). */
  change?: KpiChange | undefined;
  /** The period has not settled and this KPI still moves until it does. */
  provisional?: boolean;
  /** The period and filters as a query string; the drill-down adds the KPI and its side. */
  itemsQuery: string;
  children?: ReactNode;
  /** Prefix of data-testid when one page shows the KPI more than once. */
  testIdPrefix?: string;
}

// The colour repeats the verdict's words; it never carries a verdict alone.
const VERDICT_CLASS: Record<ChangeVerdict, string> = {
  better: 'trend-better',
  worse: 'trend-worse',
  'no significant change': 'trend-same',
  'insufficient data': 'trend-none',
  'not tested': 'trend-none',
};

/** One KPI: its number with interval and n (or why it has none), the server's trend, and its items. */
export function KpiTile({
  name,
  kpi,
  change,
  provisional = false,
  itemsQuery,
  children,
  testIdPrefix = 'kpi',
}: KpiTileProps) {
  const { format } = useSignedIn();
  const spec = KPI_CATALOG[name];
  const shown = formatKpi(name, kpi, format);
  const trend = formatChange(name, kpi, change, format);
  const id = `${testIdPrefix}-${name}`;
  const items = drillDownPath(name, itemsQuery);
  return (
    <article
      className={`tile tile-${shown.state}${provisional ? ' tile-provisional' : ''}`}
      data-testid={`tile-${name}`}
      data-state={shown.state}
      data-provisional={provisional}
    >
      <h3 className="tile-label">
        {spec.label}
        {provisional && (
          <span className="tag-provisional" data-testid={`${id}-provisional`}>
            provisional
          </span>
        )}
      </h3>
      <p className="tile-value" data-testid={id}>
        {shown.text}
      </p>
      {shown.state === 'null' && (
        <p className="tile-reason" data-testid={`${id}-reason`}>
          {shown.reason}
        </p>
      )}
      {shown.state === 'low_n' && (
        <p className="tile-reason">Fewer than 30 items: the number is not shown.</p>
      )}
      {shown.interval && (
        <p className="tile-ci" data-testid={`${id}-ci`}>
          {shown.interval}
        </p>
      )}
      {shown.n && <p className="tile-n">{shown.n}</p>}
      {trend && (
        <p
          className={`tile-trend ${VERDICT_CLASS[trend.verdict]}`}
          data-testid={`${id}-trend`}
          data-verdict={trend.verdict}
        >
          {trend.text}
        </p>
      )}
      {children}
      {spec.benchmark && <p className="tile-benchmark">Benchmark: {spec.benchmark}</p>}
      {items && (
        <Link
          className="tile-items"
          to={items}
          data-testid={`${id}-items`}
          aria-label={`Items counted in ${spec.label}`}
        >
          Items →
        </Link>
      )}
    </article>
  );
}
