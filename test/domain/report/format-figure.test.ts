import { describe, expect, it } from 'vitest';
import { formatDuration, formatKpiNumber } from '../../../src/domain/report/format-figure.js';

describe('KPI figures for people', () => {
  it('formats durations on either side of zero', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(1800)).toBe('30.0m'); // 1800 ÷ 60
    expect(formatDuration(109_524)).toBe('30.4h'); // 109 524 ÷ 3600 = 30.42
    expect(formatDuration(-109_524)).toBe('−30.4h'); // a difference-in-differences can be negative
  });

  it('formats rates, money and plain numbers', () => {
    expect(formatKpiNumber('containment_rate', 0.7471, 'USD')).toBe('74.7%');
    expect(formatKpiNumber('net_savings', 35060.806, 'USD')).toBe('35060.81 USD');
    expect(formatKpiNumber('items_handled', 3433, 'USD')).toBe('3433');
    expect(formatKpiNumber('roi', null, 'USD')).toBe('—');
  });
});
