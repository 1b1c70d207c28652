import { describe, expect, it } from 'vitest';
import {
  costPerItemMicros,
  escalationOverheadMinutesFor,
  handleHoursFor,
  loadedHourlyRateMicros,
  RateCard,
  slaPenaltyMicros,
} from '../../../src/domain/baseline/rate-card.js';

const cohort = (workflow: string, category: string, priority: number, channel = 'portal') => ({
  workflow,
  category,
  priority,
  channel,
});

describe('RateCard', () => {
  it('fills the defaults of KPIS.md', () => {
    const card = RateCard.parse({ staff_hourly_rate: '40', handle_hours: { default: 0.5 } });
    expect(card).toEqual({
      staff_hourly_rate: '40',
      contractor_share: 0,
      management_overhead: 0.15,
      fte_hours_per_month: 140,
      sla_penalty_per_breach: 0,
      handle_hours: { default: 0.5, cohorts: [] },
      amortisation_months: 12,
      // KPIS.md, Human oversight: 10 minutes of hand-off per escalated or failed item by default
      escalation_overhead_minutes: { default: 10, cohorts: [] },
    });
  });

  it('takes escalation overhead as one number or per cohort, most specific first', () => {
    expect(
      RateCard.parse({ staff_hourly_rate: 40, handle_hours: { default: 1 }, escalation_overhead_minutes: 15 })
        .escalation_overhead_minutes,
    ).toEqual({ default: 15, cohorts: [] });
    const card = RateCard.parse({
      staff_hourly_rate: 40,
      handle_hours: { default: 1 },
      escalation_overhead_minutes: {
        default: 12,
        cohorts: [
          { category: 'network', minutes: 30 },
          { category: 'network', priority: 1, minutes: 45 },
        ],
      },
    });
    const cohort = { workflow: 'it', category: 'network', priority: 1, channel: null };
    expect(escalationOverheadMinutesFor(card, cohort)).toBe(45);
    expect(escalationOverheadMinutesFor(card, { ...cohort, priority: 3 })).toBe(30);
    expect(escalationOverheadMinutesFor(card, { ...cohort, category: 'password' })).toBe(12);
    expect(RateCard.safeParse({ ...card, escalation_overhead_minutes: -1 }).success).toBe(false);
    expect(
      RateCard.safeParse({ ...card, escalation_overhead_minutes: { cohorts: [{ minutes: 5 }] } }).success,
    ).toBe(false);
  });

  it('rejects what it cannot price', () => {
    const base = { staff_hourly_rate: 40, handle_hours: { default: 1 } };
    const bad: unknown[] = [
      { ...base, contractor_share: 0.2 }, // share without a contractor rate
      { ...base, staff_hourly_rate: -1 },
      { ...base, staff_hourly_rate: 0.1234567 }, // more than 6 decimals
      { ...base, staff_hourly_rate: '12,50' },
      { ...base, contractor_share: 1.5, contractor_hourly_rate: 1 },
      { ...base, handle_hours: { default: 0 } },
      { ...base, handle_hours: { default: 1, cohorts: [{ hours: 2 }] } }, // a cohort selecting nothing
      { ...base, handle_hours: { default: 1, cohorts: [{ category: 'x', hours: 2, extra: 1 }] } },
      { ...base, currency: 'EUR' }, // unknown field
      { ...base, amortisation_months: 0 },
    ];
    for (const input of bad) expect(RateCard.safeParse(input).success, JSON.stringify(input)).toBe(false);
  });
});

describe('loadedHourlyRateMicros', () => {
  it('blends staff and contractors by share', () => {
    // 40 · (1 − 0.25) + 60 · 0.25 = 30 + 15 = 45
    const card = RateCard.parse({
      staff_hourly_rate: 40,
      contractor_hourly_rate: '60',
      contractor_share: 0.25,
      handle_hours: { default: 1 },
    });
    expect(loadedHourlyRateMicros(card)).toBe(45_000_000);
  });

  it('rounds a blended rate half up to a micro-unit', () => {
    // 10.000001 · 0.5 + 0 · 0.5 = 5.0000005 → 5_000_001 micros (half up)
    const card = RateCard.parse({
      staff_hourly_rate: '10.000001',
      contractor_hourly_rate: 0,
      contractor_share: 0.5,
      handle_hours: { default: 1 },
    });
    expect(loadedHourlyRateMicros(card)).toBe(5_000_001);
  });
});

describe('handleHoursFor', () => {
  const card = RateCard.parse({
    staff_hourly_rate: 40,
    handle_hours: {
      default: 0.5,
      cohorts: [
        { category: 'password', hours: 0.25 },
        { workflow: 'it', category: 'password', hours: 0.2 },
        { priority: 1, hours: 2 },
        { category: 'network', priority: 1, hours: 3 },
        { channel: 'phone', hours: 0.75 },
      ],
    },
  });

  it('takes the most specific matching cohort', () => {
    expect(handleHoursFor(card, cohort('it', 'password', 3))).toBe(0.2); // 2 fields beat 1
    expect(handleHoursFor(card, cohort('hr', 'password', 3))).toBe(0.25);
    expect(handleHoursFor(card, cohort('it', 'vpn', 1))).toBe(2);
    expect(handleHoursFor(card, cohort('it', 'network', 1))).toBe(3);
  });

  it('takes the first listed among equally specific cohorts, else the default', () => {
    // category=password and channel=phone both match with one field each: the first listed wins
    expect(handleHoursFor(card, cohort('hr', 'password', 3, 'phone'))).toBe(0.25);
    expect(handleHoursFor(card, cohort('hr', 'vpn', 3, 'phone'))).toBe(0.75);
    expect(handleHoursFor(card, cohort('x', 'y', 5))).toBe(0.5);
    expect(handleHoursFor(card, { workflow: null, category: null, priority: null, channel: null })).toBe(0.5);
  });
});

describe('costPerItemMicros', () => {
  it('is handle hours × loaded rate × (1 + management overhead)', () => {
    // 0.5 h · 45 · 1.15 = 25.875; with the cohort's 0.2 h: 0.2 · 45 · 1.15 = 10.35
    const card = RateCard.parse({
      staff_hourly_rate: 40,
      contractor_hourly_rate: 60,
      contractor_share: 0.25,
      sla_penalty_per_breach: '12.5',
      handle_hours: { default: 0.5, cohorts: [{ category: 'password', hours: 0.2 }] },
    });
    expect(costPerItemMicros(card, cohort('it', 'vpn', 3))).toBe(25_875_000);
    expect(costPerItemMicros(card, cohort('it', 'password', 3))).toBe(10_350_000);
    expect(slaPenaltyMicros(card)).toBe(12_500_000);
  });

  it('uses the configured overhead, including none', () => {
    // 2 h · 40 · (1 + 0) = 80
    const card = RateCard.parse({
      staff_hourly_rate: 40,
      management_overhead: 0,
      handle_hours: { default: 2 },
    });
    expect(costPerItemMicros(card, cohort('it', 'vpn', 3))).toBe(80_000_000);
  });
});
