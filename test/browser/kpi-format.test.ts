import { describe, expect, it } from 'vitest';
import type {
  BaselineBesideName,
  BaselineFigure,
  KpiChange,
  KpiComparison,
} from '../../web/src/api/answers.js';
import { addDays, dateInZone, lastDays, periodQuery, readPeriod } from '../../web/src/app/period.js';
import { baselineText, hasBaselineBeside } from '../../web/src/format/baseline-format.js';
import { formatChange } from '../../web/src/format/change-format.js';
import { formatKpi, formatUnit, shownValue } from '../../web/src/format/kpi-format.js';
import { basisText, provisionalText } from '../../web/src/format/maturity-format.js';
import { costRows } from '../../web/src/kpi/cost-components.js';
import { drillDownPath, drillDownTitle } from '../../web/src/kpi/drill-down.js';

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

  it('shows the server’s change: an arrow by its sign, points for rates, relative otherwise, and its verdict', () => {
    const change = (
      previous: ReturnType<typeof kpi>,
      delta: number | null,
      verdict: KpiChange['verdict'],
    ): KpiChange => ({ previous, delta, verdict, test: null, p: null });
    // 0.724 − 0.773 = −0.049: −4.9 points, judged by the server's z-test (not by the dashboard)
    expect(
      formatChange(
        'containment_rate',
        kpi(0.724),
        change(kpi(0.773), -0.049, 'no significant difference'),
        USD,
      ),
    ).toEqual({
      change: '▼ -4.9 pp',
      verdict: 'no significant change',
      text: '▼ -4.9 pp · no significant change',
    });
    expect(formatChange('error_rate', kpi(0.1), change(kpi(0.07), 0.03, 'worse'), USD)?.text).toBe(
      '▲ +3 pp · worse',
    );
    // MTTR −558 ÷ 2196 = −25.4%; times are shown with their change, untested
    expect(formatChange('mttr_s', kpi(1638), change(kpi(2196), -558, 'not tested'), USD)?.text).toBe(
      '▼ -25.4% · not tested',
    );
    // from zero, the absolute change
    expect(formatChange('items_open', kpi(1), change(kpi(0), 1, 'not tested'), USD)?.text).toBe(
      '▲ +1 · not tested',
    );
    expect(formatChange('items_open', kpi(3), change(kpi(3), 0, 'not tested'), USD)?.change).toBe('■ 0%');
    // an estimate over too few items is not shown, so neither is its change
    expect(
      formatChange('fcr_rate', kpi(0.5), change(kpi(0.5, { low_n: true }), 0, 'insufficient data'), USD)
        ?.text,
    ).toBe('previous period: insufficient data · insufficient data');
    expect(formatChange('roi', kpi(1.2), change(kpi(null), null, 'not tested'), USD)?.text).toBe(
      'previous period: no figure · not tested',
    );
    expect(
      formatChange('fcr_rate', kpi(0.5, { low_n: true }), change(kpi(0.5), 0, 'not tested'), USD),
    ).toBeNull();
    expect(formatChange('fcr_rate', kpi(0.5), undefined, USD)).toBeNull();
  });
});

describe('the server’s baseline beside a KPI', () => {
  const figure = (
    value: number | null,
    weights: BaselineFigure['weights'],
    reason?: string,
  ): BaselineFigure => ({
    baseline_kpi: weights === 'verified_outcomes' ? 'cost_per_item' : 'mttr_s',
    value,
    weights,
    n: 40,
    cohorts: 2,
    method: 'weighted mean of cohort values',
    ...(reason ? { reason } : {}),
  });
  const group = (figures: Partial<Record<BaselineBesideName, BaselineFigure>>) => {
    const none = figure(null, 'handled_items');
    const kpis: Record<BaselineBesideName, BaselineFigure> = {
      e2e_mttr_s: none,
      e2e_latency_p50_s: none,
      e2e_latency_p90_s: none,
      fcr_rate: none,
      escalation_rate: none,
      reopen_rate: none,
      sla_adherence: none,
      cost_per_output: none,
      ...figures,
    };
    return { baseline: { version: 1, kpis } };
  };

  it('names its weights, says why it has no value, and says when no baseline is frozen', () => {
    // 24 120 s = 6.7 hours
    expect(baselineText('e2e_mttr_s', group({ e2e_mttr_s: figure(24_120, 'handled_items') }), USD)).toBe(
      'Baseline (same cohort mix, weighted by handled items): 6.7 hr',
    );
    expect(
      baselineText('cost_per_output', group({ cost_per_output: figure(40.21, 'verified_outcomes') }), USD),
    ).toBe('Baseline cost per item (same cohort mix, weighted by verified outcomes): $40.21');
    const none = figure(null, 'handled_items', 'no handled items in cohorts the baseline has');
    expect(baselineText('e2e_mttr_s', group({ e2e_mttr_s: none }), USD)).toBe(
      'Baseline (same cohort mix, weighted by handled items): no handled items in cohorts the baseline has',
    );
    expect(baselineText('e2e_mttr_s', {}, USD)).toBe('Baseline: no baseline yet');
    // like for like: the team's MTTR stands beside the end-to-end time only
    expect(hasBaselineBeside('e2e_mttr_s')).toBe(true);
    expect(hasBaselineBeside('mttr_s')).toBe(false);
  });
});

describe('how two periods were compared, and a period that has not settled', () => {
  const comparison = (basis: KpiComparison['basis']): KpiComparison => ({
    basis,
    previous: {
      from: '2026-09-28T00:00:00.000Z',
      to: '2026-10-12T00:00:00.000Z',
      as_of: '2026-10-12T00:00:00.000Z',
    },
    multiple_comparisons: 'Holm–Bonferroni',
    groups: [],
  });
  const dates = { locale: 'en-US', timeZone: 'UTC' };
  // ICU puts thin and narrow no-break spaces in ranges and times
  const plain = (text: string | null) => text?.replace(/\s/g, ' ');

  it('names the previous period and the basis once', () => {
    expect(plain(basisText(comparison('equal_maturity'), dates))).toBe(
      'Trends: compared with Sep 28 – Oct 11, 2026 at equal maturity (as of Oct 12, 2026, 12:00 AM)',
    );
    expect(plain(basisText(comparison('settled'), dates))).toBe(
      'Trends: compared with Sep 28 – Oct 11, 2026, both settled',
    );
    // the tenant's day: midnight in Berlin is 22:00 UTC the day before
    expect(dateInZone('2026-09-27T22:00:00.000Z', 'Europe/Berlin')).toBe('2026-09-28');
  });

  it('says when a provisional period settles', () => {
    expect(provisionalText({ settled: true, settles_at: '2026-10-19T00:00:00.000Z' }, dates)).toBeNull();
    expect(
      plain(provisionalText({ settled: false, settles_at: '2026-10-19T00:00:00.000Z' }, dates)),
    ).toContain('until Oct 19, 2026, 12:00 AM, when it settles');
  });
});

describe('drill-downs and cost components', () => {
  it('links a rate to its numerator and a mean to its sample, with the period and filters', () => {
    const period = 'from=2026-10-01&to=2026-11-01&agent=a';
    expect(drillDownPath('escalation_rate', period)).toBe(
      '/items?from=2026-10-01&to=2026-11-01&agent=a&kpi=escalation_rate&part=numerator',
    );
    expect(drillDownPath('e2e_mttr_s', period)).toBe(
      '/items?from=2026-10-01&to=2026-11-01&agent=a&kpi=e2e_mttr_s&part=denominator',
    );
    expect(drillDownPath('total_cost', period)).toContain('part=denominator');
    expect(drillDownPath('verified_accuracy', period)).toBeNull();
    expect(drillDownTitle('escalation_rate', 'numerator', 1_209, 'en-US')).toBe(
      '1,209 items in the numerator of Escalation rate',
    );
    expect(drillDownTitle('e2e_mttr_s', 'denominator', 1, 'en-US')).toBe(
      '1 item in the denominator of MTTR end to end',
    );
  });

  it('lists every cost component in order, zero when the answer has none', () => {
    expect(costRows({ inference: 8, oversight: 1.5 })).toEqual([
      { kind: 'inference', label: 'Inference', amount: 8 },
      { kind: 'compute', label: 'Compute', amount: 0 },
      { kind: 'licensing', label: 'Licensing', amount: 0 },
      { kind: 'integration', label: 'Integration (amortised)', amount: 0 },
      { kind: 'outcome_fee', label: 'Vendor fees', amount: 0 },
      { kind: 'oversight', label: 'Human oversight', amount: 1.5 },
      { kind: 'unallocated', label: 'Unallocated', amount: 0 },
    ]);
  });
});

describe('periods in the URL', () => {
  it('reads from/to and defaults to the last 30 days', () => {
    const now = new Date(2026, 10, 22, 10); // local 22 Nov 2026
    expect(readPeriod(new URLSearchParams(''), now)).toEqual({ from: '2026-10-24', to: '2026-11-23' });
    expect(readPeriod(new URLSearchParams('from=2026-10-01&to=2026-11-01'), now)).toEqual({
      from: '2026-10-01',
      to: '2026-11-01',
    });
    // unreadable or reversed periods fall back to the default
    expect(readPeriod(new URLSearchParams('from=2026-11-01&to=2026-10-01'), now)).toEqual(lastDays(30, now));
    expect(readPeriod(new URLSearchParams('from=yesterday&to=2026-10-01'), now)).toEqual(lastDays(30, now));
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
