import type { ReactNode } from 'react';
import type { KpiName, KpiValue } from '../api/types.js';
import { useSignedIn } from '../app/session-context.js';
import { Link } from '../app/router.js';
import { formatKpi, formatTrend } from '../format/kpi-format.js';
import { KPI_CATALOG } from '../kpi/catalog.js';

export interface KpiTileProps {
  name: KpiName;
  kpi: KpiValue | undefined;
  /** The same KPI over the previous period of equal length, for the trend. */
  previous?: KpiValue | undefined;
  /** The items list query of the period and filters; the KPI adds what it counts. */
  itemsQuery: string;
  children?: ReactNode;
  /** Prefix of data-testid when one page shows the KPI more than once. */
  testIdPrefix?: string;
}

/** One KPI: its number with interval and n, or "insufficient data", or why it has none; its trend and items. */
export function KpiTile({ name, kpi, previous, itemsQuery, children, testIdPrefix = 'kpi' }: KpiTileProps) {
  const { format } = useSignedIn();
  const spec = KPI_CATALOG[name];
  const shown = formatKpi(name, kpi, format);
  const trend = previous === undefined && kpi !== undefined ? null : formatTrend(name, kpi, previous, format);
  const id = `${testIdPrefix}-${name}`;
  const items = new URLSearchParams(itemsQuery);
  for (const [param, value] of Object.entries(spec.items)) items.set(param, value);
  return (
    <article className={`tile tile-${shown.state}`} data-testid={`tile-${name}`} data-state={shown.state}>
      <h3 className="tile-label">{spec.label}</h3>
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
      {trend && trend.text && (
        <p className={`tile-trend trend-${trend.verdict ?? 'none'}`} data-testid={`${id}-trend`}>
          {trend.text}
        </p>
      )}
      {children}
      {spec.benchmark && <p className="tile-benchmark">Benchmark: {spec.benchmark}</p>}
      <Link
        className="tile-items"
        to={`/items?${items.toString()}`}
        data-testid={`${id}-items`}
        aria-label={`Items counted in ${spec.label}`}
      >
        Items →
      </Link>
    </article>
  );
}
