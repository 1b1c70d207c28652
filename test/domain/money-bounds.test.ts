import { describe, expect, it } from 'vitest';
import { RateCard } from '../../src/domain/baseline/rate-card.js';
import { ModelPriceInput } from '../../src/domain/config-input.js';
import { toCostRecord } from '../../src/domain/cost-record.js';
import { CostInput } from '../../src/domain/item-input.js';
import {
  isWithinMicros,
  MAX_AMOUNT_MICROS,
  MAX_PRICE_PER_MILLION_MICROS,
  MAX_TOKENS,
  toMicros,
} from '../../src/domain/money.js';

describe('money bounds', () => {
  it('bounds one amount so that a window of costs still sums exactly', () => {
    // 10^12 micro-units a record; 2^53 − 1 = 9,007,199,254,740,991 micro-units hold 9,007 of them
    expect(MAX_AMOUNT_MICROS).toBe(1e12);
    expect(Math.floor(Number.MAX_SAFE_INTEGER / MAX_AMOUNT_MICROS)).toBe(9_007);
    // or 10^7 records a year of at most 900.719925 units on average
    expect(Math.floor(Number.MAX_SAFE_INTEGER / 1e7)).toBe(900_719_925);
    // the largest priced cost the bounds allow before the priced-amount check: 2 × 10^12 tokens × 10^11 / 10^6
    expect((2 * MAX_TOKENS * MAX_PRICE_PER_MILLION_MICROS) / 1e6).toBeGreaterThan(MAX_AMOUNT_MICROS);
  });

  it('parses amounts up to a bound, naming the field', () => {
    expect(toMicros('1000000', 'amount', MAX_AMOUNT_MICROS)).toBe(1e12);
    expect(() => toMicros('1000000.000001', 'amount', MAX_AMOUNT_MICROS)).toThrow('amount: at most 1000000');
    expect(() => toMicros('99999999999999999999', 'x')).toThrow('x: at most 9007199254.740991');
    expect(isWithinMicros('100000', MAX_PRICE_PER_MILLION_MICROS)).toBe(true);
    expect(isWithinMicros(100_000.000001, MAX_PRICE_PER_MILLION_MICROS)).toBe(false);
    expect(isWithinMicros('not money', 1)).toBe(true); // its own check names it
  });

  it('refuses a cost above the bound and tokens above 10^12', () => {
    const cost = {
      agent_id: 'bot',
      kind: 'licensing',
      starts_at: '2025-01-01',
      ends_at: '2025-02-01',
    } as const;
    const at = (amount: string) => toCostRecord(CostInput.parse({ ...cost, amount }), 'UTC');
    expect(at('1000000')).toMatchObject({ ok: true, value: { amountMicros: 1e12 } });
    expect(at('1000000.000001')).toEqual({
      ok: false,
      error: { field: 'amount', message: 'at most 1000000' },
    });
    const tokens = { ...cost, kind: 'inference', model: 'm' };
    expect(CostInput.safeParse({ ...tokens, tokens_in: MAX_TOKENS }).success).toBe(true);
    expect(CostInput.safeParse({ ...tokens, tokens_in: 9e15 }).error?.issues[0]?.path).toEqual(['tokens_in']);
  });

  it('bounds model prices and rate cards', () => {
    const price = (p: number | string) =>
      ModelPriceInput.safeParse({ input_per_million: p, output_per_million: 1 });
    expect(price(100_000).success).toBe(true);
    expect(price('100000.000001').error?.issues[0]).toMatchObject({
      path: ['input_per_million'],
      message: 'at most 100000 per million tokens',
    });
    const card = { staff_hourly_rate: '40', handle_hours: { default: 0.5 } };
    expect(RateCard.safeParse({ ...card, staff_hourly_rate: 100_001 }).error?.issues[0]?.path).toEqual([
      'staff_hourly_rate',
    ]);
    expect(
      RateCard.safeParse({ ...card, sla_penalty_per_breach: '1000000.5' }).error?.issues[0]?.path,
    ).toEqual(['sla_penalty_per_breach']);
    // 10,000 h × 100 per hour × (1 + 0.15) = 1,150,000 per item: above the 1,000,000 of one cost
    const dear = RateCard.safeParse({ staff_hourly_rate: 100, handle_hours: { default: 10_000 } });
    expect(dear.error?.issues[0]).toMatchObject({
      path: ['handle_hours'],
      message: 'handle hours × hourly rate × (1 + management_overhead) must be at most 1000000 per item',
    });
    // 8,000 h × 100 × 1.15 = 920,000: within
    expect(RateCard.safeParse({ staff_hourly_rate: 100, handle_hours: { default: 8_000 } }).success).toBe(
      true,
    );
  });
});
