import { expect, it } from 'vitest';
import { KPI_NAMES } from '../../src/domain/kpis/kpi-value.js';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { listKpiMembers } from '../../src/services/kpis/kpi-drill-down.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { forEachEngine } from '../helpers/engines.js';
import { newTenant } from '../helpers/ledger.js';
import { kpiQuery, NOW, PERIOD, seed } from './kpi-dataset.js';

const COUNTS = new Set(['items_handled', 'items_open', 'n_provisional']);

forEachEngine('KPI drill-downs list exactly the items a KPI counts', ({ store }) => {
  it('every KPI: the denominator lists its n items, a rate its value × n, a count its value', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    await putRateCard({
      ctx,
      input: { id: 'default', body: { staff_hourly_rate: 50, handle_hours: { default: 1 } } },
    });
    // the one human item (H1, password p3) becomes the baseline, so value KPIs have a cohort to count in
    await freezeBaseline({ ctx, input: { from: PERIOD.from, to: PERIOD.to } });
    for (const filter of [{}, { agent: ['a1'] }, { category: ['password'] }]) {
      const answer = await kpiQuery(ctx, filter);
      const kpis = answer.groups[0]?.kpis;
      if (!kpis) throw new Error('no group');
      for (const name of KPI_NAMES) {
        const kpi = kpis[name];
        const list = (part: 'numerator' | 'denominator') =>
          listKpiMembers({ ctx, input: { filter: { ...PERIOD, ...filter }, kpi: name, part, limit: 1000 } });
        if (name === 'verified_accuracy') {
          await expect(list('denominator')).rejects.toMatchObject({ field: 'part' });
          continue;
        }
        const denominator = await list('denominator');
        expect(denominator.items).toHaveLength(denominator.count);
        if (kpi.value === null) continue;
        expect(denominator.count, `${name} n`).toBe(kpi.n);
        if (COUNTS.has(name)) expect((await list('numerator')).count, name).toBe(kpi.value);
        else if (/_rate$|^sla_adherence$/.test(name))
          expect((await list('numerator')).count, name).toBe(Math.round(kpi.value * kpi.n));
      }
    }
  });

  it('by hand: the error rate of the dataset counts B2 (failed) and A1 (reversed by rework) of 4 settled', async () => {
    const ctx = await newTenant(store(), { now: NOW });
    await seed(ctx);
    const list = async (part: 'numerator' | 'denominator') =>
      (await listKpiMembers({ ctx, input: { filter: PERIOD, kpi: 'error_rate', part } })).items
        .map((i) => i.external_id)
        .sort();
    expect(await list('numerator')).toEqual(['A1', 'B2']);
    expect(await list('denominator')).toEqual(['A1', 'A3', 'A4', 'B1', 'B2']);
    // pages through a cursor, keeping the count
    const first = await listKpiMembers({
      ctx,
      input: { filter: PERIOD, kpi: 'error_rate', part: 'denominator', limit: 2 },
    });
    expect(first).toMatchObject({ count: 5, kpi: 'error_rate', part: 'denominator' });
    expect(first.items.map((i) => i.external_id)).toEqual(['A1', 'A3']);
    const second = await listKpiMembers({
      ctx,
      input: {
        filter: PERIOD,
        kpi: 'error_rate',
        part: 'denominator',
        limit: 2,
        cursor: first.next_cursor ?? '',
      },
    });
    expect(second.items.map((i) => i.external_id)).toEqual(['A4', 'B1']);
    await expect(
      listKpiMembers({ ctx, input: { filter: PERIOD, kpi: 'no_such_kpi', part: 'numerator' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'kpi' });
    await expect(
      listKpiMembers({ ctx, input: { filter: PERIOD, kpi: 'mttr_s', part: 'numerator' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'part' });
  });
});
