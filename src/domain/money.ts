import { WorkledgerError } from './errors.js';

/** Money is integer micro-units (1e-6 of the currency unit), never binary floats (KPIS.md, Costs). */
export const MICROS = 1_000_000;

/**
 * The most one cost record may amount to: 1,000,000 units (10^12 micro-units). Sums stay exact up to
 * 2^53 − 1 micro-units, about 9.007 × 10^9 units: 9,007 records at this bound, or 10M averaging 900.72.
 */
export const MAX_AMOUNT_MICROS = 1_000_000 * MICROS;

/** The most tokens one cost may count each way (10^12). */
export const MAX_TOKENS = 1_000_000_000_000;

/** The highest model price per million tokens: 100,000 units (10^11 micro-units). */
export const MAX_PRICE_PER_MILLION_MICROS = 100_000 * MICROS;

/** Exact micro-units of a decimal amount (string or number, at most 6 decimals); null when it is not one. */
export function decimalMicros(amount: string | number): bigint | null {
  const text = typeof amount === 'number' ? numberToDecimalText(amount) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  const [, minus, whole = '0', frac = ''] = m;
  const micros = BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  return minus ? -micros : micros;
}

/** Parse a decimal amount into micro-units exactly; throws naming `field`, also beyond ±`maxMicros`. */
export function toMicros(
  amount: string | number,
  field: string,
  maxMicros = Number.MAX_SAFE_INTEGER,
): number {
  const micros = decimalMicros(amount);
  if (micros === null)
    throw new WorkledgerError('VALIDATION', `${field}: not a decimal amount with at most 6 decimals`, field);
  if (micros > BigInt(maxMicros) || micros < -BigInt(maxMicros))
    throw new WorkledgerError('VALIDATION', `${field}: at most ${microsText(maxMicros)}`, field);
  return Number(micros);
}

/** Whole micro-units as exact decimal text (`9007199254.740991`), for messages about bounds. */
export function microsText(micros: number): string {
  const exact = BigInt(micros);
  const fraction = (exact % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${exact / 1_000_000n}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Whether a decimal amount is within ±`maxMicros`; text that is no decimal passes (its own check names it). */
export function isWithinMicros(amount: string | number, maxMicros: number): boolean {
  if (typeof amount === 'number') return !(Math.abs(amount) > maxMicros / MICROS);
  const micros = decimalMicros(amount);
  return micros === null || (micros <= BigInt(maxMicros) && micros >= -BigInt(maxMicros));
}

function numberToDecimalText(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  // toFixed(6) of a double may round; amounts with more than 6 decimals are rejected by the regex.
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(6) : text;
}

/** Micro-units to a number of currency units, for display and JSON answers. */
export function fromMicros(micros: number): number {
  return micros / MICROS;
}

/** Price of tokens at per-million prices, rounded half up to a micro-unit. */
export function tokenCostMicros(
  tokensIn: number,
  tokensOut: number,
  inputPerMillionMicros: number,
  outputPerMillionMicros: number,
): number {
  const total =
    BigInt(tokensIn) * BigInt(inputPerMillionMicros) + BigInt(tokensOut) * BigInt(outputPerMillionMicros);
  return Number((total + 500_000n) / 1_000_000n);
}
