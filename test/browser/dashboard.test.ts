import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityAnswer,
  CostsAnswer,
  ItemDetail,
  KpiAnswer,
  KpiItemPage,
  OutcomeMixAnswer,
  RoiAnswer,
} from '../../web/src/api/answers.js';
import { baselineText } from '../../web/src/format/baseline-format.js';
import {
  formatCount,
  formatKpi,
  formatMoney,
  formatUnit,
  type FormatContext,
} from '../../web/src/format/kpi-format.js';
import type { DateContext } from '../../web/src/format/maturity-format.js';
import { OVERVIEW_SECTIONS } from '../../web/src/kpi/catalog.js';
import { COST_COMPONENTS } from '../../web/src/kpi/cost-components.js';
import { drillDownTitle } from '../../web/src/kpi/drill-down.js';
import { expectMaturityNotes, expectRoiPanel, expectTilesEqualApi } from './dashboard-expect.js';
import { startDashboard } from './dashboard-fixture.js';
import { attributes, PHONE, shot, text, useDashboard } from './use-dashboard.js';

/** The demo ends at NOW; the browser's clock is pinned to that day so its default period is fixed. */
const NOW = Date.UTC(2026, 10, 22);
/** The default period in the browser on 2026-11-22: the last 30 days, to exclusive. */
const PERIOD = { from: '2026-10-24', to: '2026-11-23' };

const { fx, api, optionalApi, newPage, signIn } = useDashboard({
  start: () => startDashboard({ seed: 42, scale: 0.2, now: NOW }),
  browserTime: NOW + 10 * 3_600_000,
});
let format: FormatContext;
/** The demo tenant's dates: en-US in its time zone, UTC. */
const DATES: DateContext = { locale: 'en-US', timeZone: 'UTC' };

const query = (period: { from: string; to: string }, extra = '') =>
  `from=${period.from}&to=${period.to}${extra}`;

beforeAll(async () => {
  format = { locale: 'en-US', currency: (await api<KpiAnswer>(`/v1/kpis?${query(PERIOD)}`)).currency };
});

describe('the dashboard in Chromium, on the demo tenant', () => {
  it('signs in and shows the overview: value first, every number, trend and baseline from the API', async () => {
    const page = await newPage();
    const kpiRequests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/kpis') kpiRequests.push(url.search);
    });
    await page.goto(`${fx().url}/`);
    await page.getByTestId('sign-in-form').waitFor();
    await shot(page, 'sign-in-1280');
    await page.getByTestId('sign-in-email').fill(fx().admin.email);
    await page.getByTestId('sign-in-password').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    expect(await text(page, 'sign-in-error')).toBe('email or password is wrong');
    await page.getByTestId('sign-in-password').fill(fx().admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('kpi-items_handled-trend').waitFor();
    expect(await text(page, 'user-role')).toBe('admin');

    // one KPI request: the period with the server's comparison (no previous period, no cohort query)
    expect(kpiRequests).toEqual([`?${query(PERIOD)}&compare=previous`]);
    const current = await api<KpiAnswer>(`/v1/kpis?${query(PERIOD)}&compare=previous`);
    expect(await text(page, 'period-label')).toBe('Oct 24 – Nov 22, 2026');
    await expectMaturityNotes(page, current, DATES);
    const sections = await attributes(page.locator('[data-testid^="section-"]'), 'data-testid');
    expect(sections.filter((id) => id !== 'section-roi')).toEqual([
      'section-value',
      'section-velocity',
      'section-volume',
      'section-quality',
    ]);
    await expectTilesEqualApi(
      page,
      current,
      format,
      OVERVIEW_SECTIONS.flatMap((s) => s.kpis),
    );

    // the baseline beside a tile is the server's figure of the same cohort mix, its weights named
    const group = current.groups[0];
    expect(await text(page, 'baseline-cost_per_output')).toBe(baselineText('cost_per_output', group, format));
    if (group?.baseline) {
      expect(await text(page, 'baseline-cost_per_output')).toContain('weighted by verified outcomes');
      const mttr = group.baseline.kpis.e2e_mttr_s;
      expect(await text(page, 'baseline-e2e_mttr_s')).toBe(
        `Baseline (same cohort mix, weighted by handled items): ${mttr.value === null ? mttr.reason : formatUnit('seconds', mttr.value, format)}`,
      );
    } else expect(await text(page, 'baseline-cost_per_output')).toBe('Baseline: no baseline yet');
    // like for like: the team's MTTR stands beside the end-to-end times, never the agent-only ones
    for (const name of ['e2e_latency_p50_s', 'e2e_latency_p90_s'] as const)
      expect(await text(page, `baseline-${name}`)).toBe(baselineText(name, group, format));
    for (const name of ['mttr_s', 'latency_p50_s', 'latency_p90_s'])
      expect(await page.getByTestId(`baseline-${name}`).count(), name).toBe(0);

    // cumulative ROI since go-live right after the value section, when the server has GET /v1/roi
    const roi = await optionalApi<RoiAnswer>(`/v1/roi?${query(PERIOD)}`);
    if (roi) {
      await page.getByTestId('section-roi').waitFor();
      expect(await text(page, 'roi-cumulative')).toBe(
        formatKpi('roi', roi.roi_cumulative ?? undefined, format).text,
      );
      expect(await text(page, 'roi-year-three')).toBe(
        formatKpi('roi', roi.projection?.year_three_roi ?? undefined, format).text,
      );
      const withRoi = await attributes(page.locator('[data-testid^="section-"]'), 'data-testid');
      expect(withRoi.slice(0, 3)).toEqual(['section-value', 'section-roi', 'section-velocity']);
      await expectRoiPanel(page, roi, format);
    }
    await shot(page, 'overview-1280');
    await page.context().close();
  });

  it('follows a KPI to exactly the items it counts, pages through them and opens one', async () => {
    const page = await signIn(fx().admin);
    await page.getByTestId('kpi-escalation_rate-items').click();
    await page.getByTestId('items-table').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/items');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ...PERIOD,
      kpi: 'escalation_rate',
      part: 'numerator',
    });
    const drill = `${query(PERIOD)}&kpi=escalation_rate&part=numerator&limit=50`;
    const listed = await api<KpiItemPage>(`/v1/items?${drill}`);
    const shownIds = async () => page.getByTestId('item-link').allInnerTexts();
    expect(await shownIds()).toEqual(listed.items.map((i) => `${i.source}/${i.external_id}`));
    expect(new Set(await attributes(page.getByTestId('item-row'), 'data-outcome'))).toEqual(
      new Set(['escalated']),
    );
    // the server's count is the escalation rate's numerator: value × n escalated items
    expect(await text(page, 'drill-down-title')).toBe(
      drillDownTitle('escalation_rate', 'numerator', listed.count, 'en-US'),
    );
    const kpis = (await api<KpiAnswer>(`/v1/kpis?${query(PERIOD)}`)).groups[0]?.kpis;
    const escalated = Math.round((kpis?.escalation_rate?.value ?? 0) * (kpis?.escalation_rate?.n ?? 0));
    expect(listed.count).toBe(escalated);
    let total = listed.items.length;
    let cursor = listed.next_cursor;
    while (cursor) {
      const next = await api<KpiItemPage>(`/v1/items?${drill}&cursor=${cursor}`);
      total += next.items.length;
      cursor = next.next_cursor;
    }
    expect(total).toBe(escalated);
    await shot(page, 'items-1280');

    if (listed.next_cursor) {
      await page.getByTestId('page-next').click();
      await page.waitForURL(/cursor=/);
      const second = await api<KpiItemPage>(`/v1/items?${drill}&cursor=${listed.next_cursor}`);
      await expect.poll(shownIds).toEqual(second.items.map((i) => `${i.source}/${i.external_id}`));
      await page.getByTestId('page-first').click();
      await expect.poll(shownIds).toEqual(listed.items.map((i) => `${i.source}/${i.external_id}`));
    }

    // a mean lists its sample: the denominator, whose count is the KPI's n
    await page.goto(`${fx().url}/items?${query(PERIOD)}&kpi=e2e_mttr_s&part=denominator`);
    await page.getByTestId('items-table').waitFor();
    const e2e = kpis?.e2e_mttr_s?.n ?? 0;
    await expect
      .poll(() => text(page, 'drill-down-title'))
      .toBe(drillDownTitle('e2e_mttr_s', 'denominator', e2e, 'en-US'));
    await page.goBack();
    await page.getByTestId('items-table').waitFor();

    const first = listed.items[0];
    if (!first) throw new Error('the demo has escalated items in the period');
    await page.getByTestId('item-link').first().click();
    await page.getByTestId('item-fields').waitFor();
    const detail = await api<ItemDetail>(`/v1/items/${first.source}/${first.external_id}`);
    expect(await text(page, 'item-title')).toBe(`${first.source}/${first.external_id}`);
    expect(await page.getByTestId('item-audit').locator('tbody tr').count()).toBe(detail.audit.length);
    if (detail.costs.length)
      expect(await page.getByTestId('item-costs').locator('tbody tr').count()).toBe(detail.costs.length);
    await shot(page, 'item-1280');
    await page.context().close();
  });

  it('changes the period: the URL and every number follow, and the address is shareable', async () => {
    const page = await signIn(fx().admin);
    await page.getByTestId('kpi-items_handled-trend').waitFor();
    const before = await text(page, 'kpi-items_handled');
    await page.getByTestId('period-7').click();
    await page.waitForURL(/from=2026-11-16&to=2026-11-23/);
    const week = { from: '2026-11-16', to: '2026-11-23' };
    const answer = await api<KpiAnswer>(`/v1/kpis?${query(week)}&compare=previous`);
    const expected = formatKpi('items_handled', answer.groups[0]?.kpis.items_handled, format).text;
    await expect.poll(() => text(page, 'kpi-items_handled')).toBe(expected);
    expect(expected).not.toBe(before);
    await page.getByTestId('kpi-items_handled-trend').waitFor();
    await expectMaturityNotes(page, answer, DATES);
    await expectTilesEqualApi(page, answer, format, [
      'items_handled',
      'containment_rate',
      'cost_per_output',
      'e2e_mttr_s',
      'durable_rate',
      'error_rate',
    ]);

    // a custom range through the inputs, then the same address in a fresh page of the same session
    await page.getByTestId('period-from').fill('2026-10-01');
    await page.getByTestId('period-through').fill('2026-10-31');
    await page.getByTestId('period-apply').click();
    await page.waitForURL(/from=2026-10-01&to=2026-11-01/);
    const october = await api<KpiAnswer>(`/v1/kpis?from=2026-10-01&to=2026-11-01`);
    const octoberHandled = formatKpi('items_handled', october.groups[0]?.kpis.items_handled, format).text;
    await expect.poll(() => text(page, 'kpi-items_handled')).toBe(octoberHandled);
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expect.poll(() => text(shared, 'kpi-items_handled')).toBe(octoberHandled);
    expect(await text(shared, 'period-label')).toContain('Oct 1 – 31, 2026');
    await page.context().close();
  });

  it('opens the agents table, sorts it, and an agent page with trends, outcomes, cohorts and cost components', async () => {
    const page = await signIn(fx().admin, `/agents?${query(PERIOD)}`);
    await page.getByTestId('agents-table').waitFor();
    const byAgent = await api<KpiAnswer>(`/v1/kpis?${query(PERIOD)}&group_by=agent`);
    expect(await page.getByTestId('agents-table').locator('tbody tr').count()).toBe(byAgent.groups.length);
    for (const group of byAgent.groups)
      for (const name of ['items_handled', 'containment_rate', 'cost_per_output'] as const)
        expect(await text(page, `agent-${group.key.agent}-${name}`)).toBe(
          formatKpi(name, group.kpis[name], format).text,
        );
    const order = async () => attributes(page.locator('[data-testid^="agent-link-"]'), 'data-testid');
    const byContainment = [...byAgent.groups]
      .sort((a, b) => (b.kpis.containment_rate?.value ?? 0) - (a.kpis.containment_rate?.value ?? 0))
      .map((g) => `agent-link-${g.key.agent}`);
    // each agent's baseline is the server's, re-weighted to that agent's own cohort mix
    for (const group of byAgent.groups) {
      const mttr = group.baseline?.kpis.e2e_mttr_s;
      expect(await text(page, `agent-${group.key.agent}-e2e_mttr_s-baseline`)).toBe(
        mttr === undefined
          ? 'no baseline'
          : mttr.value === null
            ? ''
            : `baseline ${formatUnit('seconds', mttr.value, format)}`,
      );
    }
    await page.getByTestId('sort-containment_rate').click();
    expect(await order()).toEqual(byContainment);
    await page.getByTestId('sort-containment_rate').click();
    expect(await order()).toEqual([...byContainment].reverse());
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toContain('Containment');
    await shot(page, 'agents-1280');

    await page.getByTestId('agent-link-helpdesk-bot').click();
    await page.getByTestId('cost-total').waitFor();
    expect(new URL(page.url()).pathname).toBe('/agents/helpdesk-bot');
    const scope = `${query(PERIOD)}&agent=helpdesk-bot`;
    const agentKpis = await api<KpiAnswer>(`/v1/kpis?${scope}&compare=previous`);
    await expectMaturityNotes(page, agentKpis, DATES);
    await expectTilesEqualApi(page, agentKpis, format, [
      'cost_per_output',
      'containment_rate',
      'durable_rate',
      'error_rate',
      'e2e_mttr_s',
      'items_handled',
      'total_cost',
    ]);
    expect(await text(page, 'baseline-e2e_mttr_s')).toBe(
      baselineText('e2e_mttr_s', agentKpis.groups[0], format),
    );
    // every component side by side, zero ones too; they add up to the agent's total cost KPI
    const costs = await api<CostsAnswer>(`/v1/dashboard/costs?${scope}`);
    expect(costs.kinds.map((k) => k.kind).sort()).toEqual(Object.keys(COST_COMPONENTS).sort());
    for (const { kind, amount } of costs.kinds)
      expect(await text(page, `cost-${kind}`), kind).toBe(formatMoney(amount, format));
    const sum = costs.kinds.reduce((a, k) => a + k.amount, 0);
    expect(Math.abs(sum - costs.total)).toBeLessThan(1e-5 * costs.kinds.length);
    expect(await text(page, 'cost-total')).toBe(formatMoney(costs.total, format));
    expect(await text(page, 'cost-total')).toBe(
      formatKpi('total_cost', agentKpis.groups[0]?.kpis.total_cost, format).text,
    );
    const outcomes = await api<OutcomeMixAnswer>(`/v1/dashboard/outcomes?${scope}`);
    for (const outcome of ['resolved', 'escalated', 'failed'] as const)
      expect(await text(page, `outcome-${outcome}`)).toBe(
        formatCount(outcomes.groups[0]?.counts[outcome] ?? 0, 'en-US'),
      );
    await page.locator('[data-testid="trend-chart"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('trend-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('cohort-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="cost-chart"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="outcome-chart"][data-ready="true"]').waitFor();
    await shot(page, 'agent-1280');
    await page.getByTestId('bucket-day').click();
    await page.waitForURL(/bucket=day/);
    await page.locator('[data-testid="trend-chart"][data-ready="true"]').waitFor();
    await page.context().close();
  });

  it('opens workflows and cohorts, activity (apart from KPIs) and, for an admin, configuration', async () => {
    const page = await signIn(fx().admin, `/workflows?${query(PERIOD)}`);
    await page.getByTestId('cohorts-table').waitFor();
    await page.getByRole('heading', { name: 'Next use case' }).waitFor();
    await shot(page, 'workflows-1280');

    await page.getByTestId('nav-activity').click();
    await page.getByTestId('activity-conversations').waitFor();
    expect(await text(page, 'activity-label')).toContain('Activity, not KPIs');
    const activity = await api<ActivityAnswer>(`/v1/dashboard/activity?${query(PERIOD)}&group_by=day`);
    for (const name of ['conversations', 'messages', 'model_calls', 'tokens_in', 'tokens_out'] as const)
      expect(await text(page, `activity-${name}`)).toBe(formatCount(activity.totals[name], 'en-US'));
    // no KPI tile is on the activity page, and no activity count on the overview
    expect(await page.locator('[data-testid^="tile-"]').count()).toBe(0);
    await page.locator('[data-testid="activity-chart"][data-ready="true"]').waitFor();
    await shot(page, 'activity-1280');

    await page.getByTestId('nav-configuration').click();
    const form = page.getByTestId('workflow-form-it-helpdesk');
    await form.waitFor();
    await shot(page, 'configuration-1280');
    await form.getByTestId('workflow-name').fill('IT helpdesk (edited in the browser)');
    await form.getByTestId('workflow-save').click();
    await expect.poll(() => text(page, 'workflow-status-it-helpdesk')).toBe('Saved');
    expect(await api<{ name: string }>('/v1/workflows/it-helpdesk')).toMatchObject({
      name: 'IT helpdesk (edited in the browser)',
    });
    await page.context().close();
  });

  it('reads on a phone: one column, navigation on top, no sideways scrolling of the page', async () => {
    const page = await signIn(fx().viewer, '/', PHONE);
    await page.getByTestId('kpi-items_handled-trend').waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      PHONE.width,
    );
    const nav = await page.locator('nav.app-nav').boundingBox();
    const value = await page.getByTestId('section-value').boundingBox();
    expect(nav && value && nav.y < value.y).toBe(true);
    await shot(page, 'overview-390');
    await page.context().close();
  });

  it('is keyboard-usable: skip link, real links and buttons with a visible focus', async () => {
    const page = await signIn(fx().viewer);
    await page.getByTestId('kpi-items_handled').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    // Tab reaches the period presets; Enter on one changes the period
    await page.getByTestId('period-7').focus();
    const outline = await page.evaluate(
      `getComputedStyle(document.querySelector('[data-testid="period-7"]')).outlineStyle`,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/from=2026-11-16/);
    await page.getByTestId('kpi-escalation_rate-items').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/items\?/);
    await page.context().close();
  });
});
