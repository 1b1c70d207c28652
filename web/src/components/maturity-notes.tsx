import type { KpiAnswer } from '../api/answers.js';
import { useSignedIn } from '../app/session-context.js';
import { basisText, provisionalText, type DateContext } from '../format/maturity-format.js';

function useDates(): DateContext {
  const { session, format } = useSignedIn();
  return { locale: format.locale, timeZone: session.tenant.time_zone };
}

/** The banner of a period whose figures have not settled: when they will, and what is marked. */
export function ProvisionalBanner({ answer }: { answer: KpiAnswer }) {
  const text = provisionalText(answer.maturity, useDates());
  if (text === null) return null;
  return (
    <p className="banner" data-testid="provisional-banner">
      {text}
    </p>
  );
}

/** Once a page: what the trends compare with, how the server made it comparable, how verdicts are corrected. */
export function TrendBasis({ answer }: { answer: KpiAnswer }) {
  const dates = useDates();
  const { comparison } = answer;
  if (!comparison) return null;
  return (
    <p className="trend-basis" data-testid="trend-basis">
      <span data-testid="trend-basis-text">{basisText(comparison, dates)}</span>. Verdicts:{' '}
      {comparison.multiple_comparisons}; times, money and counts show their change untested.
    </p>
  );
}
