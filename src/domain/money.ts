import { WorkledgerError } from './errors.js';

/** Money is integer micro-units (1e-6 of the currency unit), never binary floats (KPIS.md, Costs). */
export const MICROS = 1_000_000;

/** Parse a decimal amount (string or number) into micro-units exactly; throws naming `field`. */
export function toMicros(amount: string | number, field: string): number {
  const text = typeof amount === 'number' ? numberToDecimalText(amount) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m)
    throw new WorkledgerError('VALIDATION', `${field}: not a decimal amount with at most 6 decimals`, field);
  const [, minus, whole = '0', frac = ''] = m;
  const micros = BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  if (micros > BigInt(Number.MAX_SAFE_INTEGER))
    throw new WorkledgerError('VALIDATION', `${field}: amount too large`, field);
  return Number(minus ? -micros : micros);
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
