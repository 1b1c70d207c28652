/** A period of whole days in the tenant's time zone: `from` inclusive, `to` exclusive, as YYYY-MM-DD. */
export interface Period {
  from: string;
  to: string;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const PERIOD_PRESETS = [7, 30, 90] as const;
/** The KPI filters every page carries in its URL (GET /v1/kpis takes the same names). */
export const FILTER_NAMES = ['agent', 'workflow', 'category', 'priority', 'channel'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isDate(text: string | null): text is string {
  return text !== null && DATE.test(text) && !Number.isNaN(dateMs(text));
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(date: string, days: number): string {
  return new Date(dateMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function periodDays({ from, to }: Period): number {
  return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

/** The last `days` days up to and including today. */
export function lastDays(days: number, now: Date = new Date()): Period {
  const to = addDays(today(now), 1);
  return { from: addDays(to, -days), to };
}

/** The period in the URL, or the last 30 days when it has none (or an unreadable one). */
export function readPeriod(params: URLSearchParams, now: Date = new Date()): Period {
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from) && isDate(to) && dateMs(to) > dateMs(from)) return { from, to };
  return lastDays(DEFAULT_PERIOD_DAYS, now);
}

/** The calendar day (YYYY-MM-DD) of an instant the API gives, in the tenant's time zone. */
export function dateInZone(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "23 Oct – 22 Nov 2026" (the last day shown is the day before `to`). */
export function periodLabel(period: Period, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(new Date(dateMs(period.from)), new Date(dateMs(addDays(period.to, -1))));
}

/** from, to and the KPI filters of the URL, as a query string for the API and for links. */
export function periodQuery(
  period: Period,
  params: URLSearchParams,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({ from: period.from, to: period.to });
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) if (value !== '') query.set(name, value);
  return query.toString();
}
