import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { KpiName } from '../../src/domain/kpis/kpi-value.js';
import type { KpiAnswer, RoiAnswer } from '../../web/src/api/answers.js';
import { formatChange } from '../../web/src/format/change-format.js';
import { formatKpi, formatMoney, type FormatContext } from '../../web/src/format/kpi-format.js';
import { basisText, provisionalText, type DateContext } from '../../web/src/format/maturity-format.js';
import { isMaturing } from '../../web/src/kpi/catalog.js';
import { COST_COMPONENTS, costRows } from '../../web/src/kpi/cost-components.js';
import { plain, text } from './use-dashboard.js';

/**
 * Every tile shows what GET /v1/kpis?compare=previous answers, formatted as the dashboard formats it:
 * the number, its interval or reason, the server's change and verdict, and the provisional mark.
 */
export async function expectTilesEqualApi(
  page: Page,
  answer: KpiAnswer,
  format: FormatContext,
  names: readonly KpiName[],
) {
  const kpis = answer.groups[0]?.kpis;
  const changes = answer.comparison?.groups[0]?.kpis;
  for (const name of names) {
    const shown = formatKpi(name, kpis?.[name], format);
    expect(await text(page, `kpi-${name}`), name).toBe(shown.text);
    const tile = page.getByTestId(`tile-${name}`);
    expect(await tile.getAttribute('data-state'), name).toBe(shown.state);
    if (shown.interval) expect(await text(page, `kpi-${name}-ci`), name).toBe(shown.interval);
    if (shown.reason) expect(await text(page, `kpi-${name}-reason`), name).toBe(shown.reason);
    const trend = formatChange(name, kpis?.[name], changes?.[name], format);
    if (trend) {
      expect(await text(page, `kpi-${name}-trend`), name).toBe(trend.text);
      expect(await page.getByTestId(`kpi-${name}-trend`).getAttribute('data-verdict'), name).toBe(
        trend.verdict,
      );
    } else expect(await page.getByTestId(`kpi-${name}-trend`).count(), name).toBe(0);
    const provisional = !answer.maturity.settled && isMaturing(name);
    expect(await tile.getAttribute('data-provisional'), name).toBe(String(provisional));
  }
}

/** The basis sentence and, while the period has not settled, the provisional banner. */
export async function expectMaturityNotes(page: Page, answer: KpiAnswer, dates: DateContext) {
  if (!answer.comparison) throw new Error('the answer was asked with compare=previous');
  expect(plain(await text(page, 'trend-basis-text'))).toBe(plain(basisText(answer.comparison, dates)));
  expect(await text(page, 'trend-basis')).toContain(answer.comparison.multiple_comparisons);
  const provisional = provisionalText(answer.maturity, dates);
  if (provisional === null) expect(await page.getByTestId('provisional-banner').count()).toBe(0);
  else expect(plain(await text(page, 'provisional-banner'))).toBe(plain(provisional));
}

/** The ROI statement's cost components, adding up to the total, and the server's tests against the baseline. */
export async function expectRoiPanel(page: Page, roi: RoiAnswer, format: FormatContext) {
  // every cost component side by side; together they are the total AI cost
  for (const row of costRows(roi.costs))
    expect(await text(page, `roi-cost-${row.kind}`), row.kind).toBe(formatMoney(row.amount, format));
  const total = roi.value.total_cost.value ?? 0;
  const sum = Object.values(roi.costs).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - total)).toBeLessThan(1e-5 * Object.keys(COST_COMPONENTS).length);
  expect(await text(page, 'roi-cost-total')).toBe(formatMoney(total, format));
  // the server's tests, corrected for several at once: verdicts, test names, adjusted p-values
  expect(await page.getByTestId('significance-table').locator('tbody tr').count()).toBe(
    roi.significance.length,
  );
  for (const row of roi.significance) {
    expect(await text(page, `verdict-${row.kpi}`), row.kpi).toContain(row.verdict);
    expect(await text(page, `test-${row.kpi}`), row.kpi).toBe(row.test);
  }
  const e2e = roi.significance.find((r) => r.kpi === 'e2e_mttr_s');
  if (roi.baseline) expect(e2e?.test).toBe('van Elteren (Mann-Whitney within cohorts)');
  if (e2e && e2e.p_adjusted !== null) expect(await text(page, 'p-e2e_mttr_s')).toContain('adjusted p');
  expect(await text(page, 'multiple-comparisons')).toBe(`${roi.multiple_comparisons}.`);
}
