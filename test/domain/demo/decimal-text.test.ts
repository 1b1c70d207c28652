import { describe, expect, it } from 'vitest';
import { microsToDecimalText, unitsToMicros } from '../../../src/domain/demo/decimal-text.js';

describe('microsToDecimalText', () => {
  it('writes 2 to 6 decimals without float noise', () => {
    expect(microsToDecimalText(0)).toBe('0.00');
    expect(microsToDecimalText(1_500_000)).toBe('1.50');
    expect(microsToDecimalText(1_032_258_065)).toBe('1032.258065');
    expect(microsToDecimalText(1400)).toBe('0.0014');
    expect(microsToDecimalText(-2_000_000)).toBe('-2.00');
    expect(microsToDecimalText(12.6)).toBe('0.000013');
    expect(unitsToMicros(0.9)).toBe(900_000);
  });
});
