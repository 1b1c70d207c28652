import { describe, expect, it } from 'vitest';
import { formatKpi, formatTrend, formatUnit, shownValue } from '../../web/src/format/kpi-format.js';
import { baselineForMix } from '../../web/src/kpi/baseline-mix.js';
import { addDays, lastDays, periodQuery, previousPeriod, readPeriod } from '../../web/src/app/period.js';

const USD = { locale: 'en-US', currency: 'USD' };
const kpi = (
  value: number | null,
  extra: { ci?: [number, number]; n?: number; low_n?: true; reason?: string } = {},
) => ({
  value,
  ci: extra.ci ?? null,
  n: extra.n ?? 100,
  ...(extra.low_n ? { low_n: true } : {}),
  ...(extra.reason ? { reason: extra.reason } : {}),
});

describe('how the dashboard shows a KPI', () => {
  it('formats each unit for the locale and the tenant currency', () => {
    expect(formatUnit('rate', 0.7512, USD)).toBe('75.1%');
    expect(formatUnit('money', 43.4912, USD)).toBe('$43.49');
    expect(formatUnit('money', -4110.4, USD)).toBe('-$4,110');
    expect(formatUnit('money', 1234.5, { locale: 'de-DE', currency: 'EUR' })).toBe('1.235\u00a0€');
    expect(formatUnit('percent', 1.5, USD)).toBe('150%');
    expect(formatUnit('seconds', 45, USD)).toBe('45 sec');
    expect(formatUnit('seconds', 204, USD)).toBe('3.4 min'); // 204 / 60
    expect(formatUnit('seconds', 5_340, USD)).toBe('89 min'); // below 90 min stays minutes
    expect(formatUnit('seconds', 5_400, USD)).toBe('1.5 hr');
    expect(formatUnit('seconds', 3 * 86_400, USD)).toBe('3 days');
    expect(formatUnit('fte', 1.66, USD)).toBe('1.7 FTE');
    expect(formatUnit('months', 49.62, USD)).toBe('49.6 months');
    expect(formatUnit('score', 4.1666, USD)).toBe('4.17 / 5');
  });

  it('shows the interval in the unit of the value, and n', () => {
    const shown = formatKpi('mttr_s', kpi(1_638, { ci: [1_038, 2_346], n: 494 }), USD);
    // 1 638 s = 27.3 min; the bounds in minutes too: 17.3 and 39.1
    expect(shown).toEqual({
      state: 'value',
      text: '27.3 min',
      interval: '95% CI 17.3 min – 39.1 min',
      n: 'n = 494',
      reason: null,
    });
  });

  it('shows "insufficient data" for an estimate over fewer than 30 items, but a count as it is', () => {
    expect(
      formatKpi('containment_rate', kpi(0.8, { n: 12, low_n: true, ci: [0.5, 0.9] }), USD),
    ).toMatchObject({
      state: 'low_n',
      text: 'insufficient data',
      interval: null,
    });
    expect(formatKpi('items_handled', kpi(12, { n: 12, low_n: true }), USD)).toMatchObject({
      state: 'value',
      text: '12',
    });
    expect(shownValue('containment_rate', kpi(0.8, { low_n: true }))).toBeNull();
    expect(shownValue('total_cost', kpi(8, { low_n: true }))).toBe(8);
  });

  it('shows why a value is missing', () => {
    expect(formatKpi('roi', kpi(null, { reason: 'no baseline frozen yet' }), USD)).toMatchObject({
      state: 'null',
      text: '—',
      reason: 'no baseline frozen yet',
    });
  });

  it('shows the change against the previous period: points for rates, relative otherwise, coloured by direction', () => {
    // 0.724 − 0.773 = −4.9 points; containment should go up, so worse
    expect(formatTrend('containment_rate', kpi(0.724), kpi(0.773), USD)).toEqual({
      text: '▼ -4.9 pp vs previous period',
      verdict: 'worse',
    });
    // MTTR (1638 − 2196) / 2196 = −25.4%: faster is better
    expect(formatTrend('mttr_s', kpi(1638), kpi(2196), USD)).toEqual({
      text: '▼ -25.4% vs previous period',
      verdict: 'better',
    });
    // from zero, the absolute change
    expect(formatTrend('items_open', kpi(1), kpi(0), USD)).toEqual({
      text: '▲ +1 vs previous period',
      verdict: 'neutral',
    });
    expect(formatTrend('fcr_rate', kpi(0.5), kpi(0.5, { low_n: true }), USD).text).toBe(
      'no previous data to compare',
    );
    expect(formatTrend('fcr_rate', kpi(0.5, { low_n: true }), kpi(0.5), USD).text).toBe('');
  });
});

describe('the baseline of the agents’ cohort mix', () => {
  it('weights each cohort’s baseline by the agent items handled in it', () => {
    const baseline = {
      cohort_by: ['workflow', 'category'],
      cohorts: [
        { key: { workflow: 'it', category: 'password' }, kpis: { mttr_s: kpi(3_600) } },
        { key: { workflow: 'it', category: 'vpn' }, kpis: { mttr_s: kpi(36_000) } },
        {
          key: { workflow: 'hr', category: 'laptop' },
          kpis: { mttr_s: kpi(null, { reason: 'none resolved' }) },
        },
      ],
    };
    const agents = [
      { key: { workflow: 'it', category: 'password' }, kpis: { items_handled: kpi(30) } },
      { key: { workflow: 'it', category: 'vpn' }, kpis: { items_handled: kpi(10) } },
      { key: { workflow: 'hr', category: 'laptop' }, kpis: { items_handled: kpi(50) } },
      { key: { workflow: 'fin', category: 'po' }, kpis: { items_handled: kpi(7) } },
    ];
    // (30 × 3 600 + 10 × 36 000) ÷ 40 = (108 000 + 360 000) ÷ 40 = 11 700; cohorts without a value drop out
    expect(baselineForMix(baseline, agents, 'mttr_s')).toEqual({ value: 11_700, weight: 40 });
    expect(baselineForMix(baseline, [], 'mttr_s')).toEqual({ value: null, weight: 0 });
  });
});

describe('periods in the URL', () => {
  it('reads from/to, defaults to the last 30 days, and compares with the 30 before', () => {
    const now = new Date(2026, 10, 22, 10); // local 22 Nov 2026
    expect(readPeriod(new URLSearchParams(''), now)).toEqual({ from: '2026-10-24', to: '2026-11-23' });
    expect(readPeriod(new URLSearchParams('from=2026-10-01&to=2026-11-01'), now)).toEqual({
      from: '2026-10-01',
      to: '2026-11-01',
    });
    // unreadable or reversed periods fall back to the default
    expect(readPeriod(new URLSearchParams('from=2026-11-01&to=2026-10-01'), now)).toEqual(lastDays(30, now));
    expect(readPeriod(new URLSearchParams('from=yesterday&to=2026-10-01'), now)).toEqual(lastDays(30, now));
    expect(previousPeriod({ from: '2026-10-01', to: '2026-11-01' })).toEqual({
      from: '2026-08-31',
      to: '2026-10-01',
    });
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(
      periodQuery(
        { from: '2026-10-01', to: '2026-11-01' },
        new URLSearchParams('agent=a&outcome=open&priority=2'),
        {
          group_by: 'day',
        },
      ),
    ).toBe('from=2026-10-01&to=2026-11-01&agent=a&priority=2&group_by=day');
  });
});
