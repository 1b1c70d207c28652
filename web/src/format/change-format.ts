import type { KpiChange, KpiName, KpiValue, Verdict } from '../api/answers.js';
import { KPI_CATALOG } from '../kpi/catalog.js';
import { formatUnit, shownValue, type FormatContext } from './kpi-format.js';

/** The server's verdict on a change, in the dashboard's words. */
export type ChangeVerdict = 'better' | 'worse' | 'no significant change' | 'insufficient data' | 'not tested';

const WORDS: Record<Verdict, ChangeVerdict> = {
  better: 'better',
  worse: 'worse',
  'no significant difference': 'no significant change',
  'insufficient data': 'insufficient data',
  'not tested': 'not tested',
};

export interface ShownChange {
  /** "▲ +1.2 pp" (rates) or "▼ -4.1%"; empty when either period's figure is not shown. */
  change: string;
  verdict: ChangeVerdict;
  /** The whole trend line of a tile: the change, then the verdict in words. */
  text: string;
}

/**
 * A KPI's change against the previous period as GET /v1/kpis?compare=previous judged it: the arrow by
 * the sign of the server's delta, points for rates and relative change otherwise, and the server's
 * verdict. Null when the tile shows no number of its own (nothing to compare).
 */
export function formatChange(
  name: KpiName,
  current: KpiValue | undefined,
  change: KpiChange | undefined,
  format: FormatContext,
): ShownChange | null {
  if (change === undefined || shownValue(name, current) === null) return null;
  const verdict = WORDS[change.verdict];
  const before = shownValue(name, change.previous);
  if (before === null || change.delta === null) {
    const why = change.previous.value === null ? 'no figure' : 'insufficient data';
    return { change: '', verdict, text: `previous period: ${why} · ${verdict}` };
  }
  const { delta } = change;
  const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
  const unit = KPI_CATALOG[name].unit;
  let amount: string;
  if (unit === 'rate')
    amount = `${new Intl.NumberFormat(format.locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(delta * 100)} pp`;
  else if (before === 0) amount = `${delta > 0 ? '+' : ''}${formatUnit(unit, delta, format)}`;
  else
    amount = new Intl.NumberFormat(format.locale, {
      style: 'percent',
      signDisplay: 'exceptZero',
      maximumFractionDigits: 1,
    }).format(delta / Math.abs(before));
  const shown = `${arrow} ${amount}`;
  return { change: shown, verdict, text: `${shown} · ${verdict}` };
}
