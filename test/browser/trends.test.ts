import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KpiAnswer } from '../../web/src/api/answers.js';
import { START } from '../report/steady-agent.js';
import { DAY } from '../helpers/ledger.js';
import { startSteadyDashboard } from './steady-fixture.js';
import { plain, shot, text, useDashboard } from './use-dashboard.js';

/** A Monday ten weeks into the steady agent's life: the server's clock, fixed. */
const NOW = START + 70 * DAY;
/** The 14 days before NOW (2026-09-28 … 10-11) and the 14 before them (09-14 … 09-27). */
const PERIOD = { from: '2026-09-28', to: '2026-10-12' };
const PREVIOUS = { from: '2026-09-14', to: '2026-09-28' };
const QUALITY = ['durable_rate', 'error_rate'] as const;

const { fx, api, signIn } = useDashboard({
  start: () => startSteadyDashboard({ now: NOW }),
  browserTime: NOW + 10 * 3_600_000,
});

const query = (period: { from: string; to: string }, extra = '') =>
  `from=${period.from}&to=${period.to}${extra}`;

/** The quality trends of a page claim no change, and the page names the equal-maturity basis. */
async function expectNoChangeClaimed(page: Page) {
  for (const name of QUALITY) {
    const trend = page.getByTestId(`kpi-${name}-trend`);
    await trend.waitFor();
    expect(await trend.getAttribute('data-verdict'), name).toBe('no significant change');
    const shown = await trend.innerText();
    expect(shown, name).toContain('no significant change');
    expect(shown, name).not.toMatch(/better|worse/);
    expect(await page.getByTestId(`tile-${name}`).getAttribute('data-provisional'), name).toBe('true');
  }
  expect(plain(await text(page, 'trend-basis-text'))).toBe(
    'Trends: compared with Sep 14 – 27, 2026 at equal maturity (as of Sep 28, 2026, 12:00 AM)',
  );
  expect(plain(await text(page, 'provisional-banner'))).toContain(
    'until Oct 19, 2026, 12:00 AM, when it settles',
  );
}

describe('trend arrows of an agent whose behaviour never changes', () => {
  it('compare the period with the one before at equal maturity, and claim no change', async () => {
    // what the server judged: the period is still settling, so the earlier one is read as it stood then
    const answer = await api<KpiAnswer>(`/v1/kpis?${query(PERIOD)}&compare=previous`);
    expect(answer.maturity).toEqual({ settled: false, settles_at: '2026-10-19T00:00:00.000Z' });
    expect(answer.comparison?.basis).toBe('equal_maturity');
    expect(answer.comparison?.previous).toEqual({
      from: '2026-09-14T00:00:00.000Z',
      to: '2026-09-28T00:00:00.000Z',
      as_of: '2026-09-28T00:00:00.000Z',
    });
    // the trap it avoids: the earlier period as it stands now (settled) against this one still settling,
    // whose failures are final while its resolutions are mostly provisional, reads as a jump in errors
    const current = answer.groups[0]?.kpis;
    const settledBefore = (await api<KpiAnswer>(`/v1/kpis?${query(PREVIOUS)}`)).groups[0]?.kpis;
    expect(current?.error_rate?.value ?? 0).toBeGreaterThan(1.5 * (settledBefore?.error_rate?.value ?? 1));

    const page = await signIn(fx().admin, `/?${query(PERIOD)}`);
    await expectNoChangeClaimed(page);
    await shot(page, 'trends-equal-maturity-1280');

    await page.goto(`${fx().url}/agents/steady?${query(PERIOD)}`);
    await expectNoChangeClaimed(page);
    await shot(page, 'trends-equal-maturity-agent-1280');
    await page.context().close();
  });
});
