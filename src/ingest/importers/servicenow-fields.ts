/** A source row's field that cannot be read; the row is rejected with it and the import goes on. */
export class RowError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'RowError';
    this.field = field;
  }
}

/** A cell's trimmed text, or null when it holds no value: absent, empty, `?` (the UCI log) or `null`. */
export function textOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.trim();
  return t === '' || t === '?' || t.toLowerCase() === 'null' ? null : t;
}

const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

/** `true`/`TRUE`/`1`/`yes` and their opposites; null when missing. */
export function readBoolean(text: string | undefined, field: string): boolean | null {
  const t = textOf(text)?.toLowerCase();
  if (t === undefined) return null;
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new RowError(field, `not a boolean: ${JSON.stringify(text)}`);
}

/** A count (a whole number ≥ 0); null when missing. */
export function readCount(text: string | undefined, field: string): number | null {
  const t = textOf(text);
  if (t === null) return null;
  if (!/^\d{1,9}$/.test(t)) throw new RowError(field, `not a whole number: ${JSON.stringify(text)}`);
  return Number(t);
}

/** A number such as `business_stc` seconds; null when missing or not a number. */
export function readNumber(text: string | undefined): number | null {
  const t = textOf(text);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * Priority as its leading number (`3 - Moderate` → 3, raw `3` → 3); null when missing. Any other text
 * is passed on unchanged, so the ingestion core rejects the item naming `priority`.
 */
export function readPriority(text: string | undefined): number | string | null {
  const t = textOf(text);
  if (t === null) return null;
  const m = /^(\d+)/.exec(t);
  return m ? Number(m[1]) : t;
}

/** Where an incident state leaves the item. */
export type StateKind = 'open' | 'resolved' | 'closed' | 'canceled' | 'unknown';

const STATE_CODES: Record<string, { label: string; kind: StateKind }> = {
  '1': { label: 'New', kind: 'open' },
  '2': { label: 'In Progress', kind: 'open' },
  '3': { label: 'On Hold', kind: 'open' },
  '6': { label: 'Resolved', kind: 'resolved' },
  '7': { label: 'Closed', kind: 'closed' },
  '8': { label: 'Canceled', kind: 'canceled' },
};

const OPEN_LABELS = new Set(['new', 'in progress', 'on hold', 'active', 'open', 'assigned', 'pending']);

/** An incident state given as a raw code (1 New … 8 Canceled) or a label; anything else is unknown. */
export function readState(text: string | undefined): { label: string | null; kind: StateKind } {
  const t = textOf(text);
  if (t === null) return { label: null, kind: 'unknown' };
  const coded = STATE_CODES[t];
  if (coded) return coded;
  const lower = t.toLowerCase().replace(/\s+/g, ' ');
  if (lower === 'resolved') return { label: t, kind: 'resolved' };
  if (lower === 'closed') return { label: t, kind: 'closed' };
  if (lower === 'canceled' || lower === 'cancelled') return { label: t, kind: 'canceled' };
  if (OPEN_LABELS.has(lower) || lower.startsWith('awaiting ') || lower.startsWith('work in progress'))
    return { label: t, kind: 'open' };
  return { label: t, kind: 'unknown' };
}
