const MICROS = 1_000_000;

/** An amount in integer micro-units as decimal text with 2..6 decimals, e.g. 1_500_000 → "1.50". */
export function microsToDecimalText(micros: number): string {
  const rounded = Math.round(micros);
  const sign = rounded < 0 ? '-' : '';
  const abs = Math.abs(rounded);
  const whole = Math.floor(abs / MICROS);
  const fraction = String(abs % MICROS)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${sign}${whole}.${fraction}`;
}

/** Whole currency units as micro-units. */
export function unitsToMicros(units: number): number {
  return Math.round(units * MICROS);
}
