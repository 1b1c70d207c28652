import type { KpiAnswer, KpiComparison } from '../api/answers.js';
import { dateInZone, periodLabel } from '../app/period.js';

/** Where dates are shown: the browser's locale, in the tenant's time zone (the zone of its periods). */
export interface DateContext {
  locale: string;
  timeZone: string;
}

function moment(iso: string, { locale, timeZone }: DateContext): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** What the trends compare with and how the server made the two periods comparable, said once a page. */
export function basisText(comparison: KpiComparison, dates: DateContext): string {
  const { previous } = comparison;
  const label = periodLabel(
    { from: dateInZone(previous.from, dates.timeZone), to: dateInZone(previous.to, dates.timeZone) },
    dates.locale,
  );
  switch (comparison.basis) {
    case 'equal_maturity':
      return `Trends: compared with ${label} at equal maturity (as of ${moment(previous.as_of, dates)})`;
    case 'settled':
      return `Trends: compared with ${label}, both settled`;
    default: {
      const unreachable: never = comparison.basis;
      return String(unreachable);
    }
  }
}

/** The banner of a period that has not settled yet, or null once it has. */
export function provisionalText(maturity: KpiAnswer['maturity'], dates: DateContext): string | null {
  if (maturity.settled) return null;
  return `Provisional: resolutions in this period can still be reopened or reversed until ${moment(maturity.settles_at, dates)}, when it settles. Value and quality figures marked provisional may still change.`;
}
