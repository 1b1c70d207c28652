import { describe, expect, it } from 'vitest';
import { startDashboard } from './dashboard-fixture.js';
import { shot, useDashboard } from './use-dashboard.js';

const NOW = Date.UTC(2026, 10, 22);
const { fx, api, signIn } = useDashboard({
  start: () => startDashboard({ seed: 7, scale: 0.05, now: NOW }),
  browserTime: NOW + 10 * 3_600_000,
});

describe('access by role', () => {
  it('hides operator pages from a viewer and refuses them in the UI and the API', async () => {
    const page = await signIn(fx().viewer);
    await page.getByTestId('nav-overview').waitFor();
    expect(await page.getByTestId('nav-configuration').count()).toBe(0);
    await page.goto(`${fx().url}/configuration`);
    await page.getByTestId('not-allowed').waitFor();
    expect(await page.getByTestId('workflow-form-it-helpdesk').count()).toBe(0);
    await shot(page, 'not-allowed-viewer-1280');
    // the API refuses the write the page would make, even with the session's CSRF token
    const status = await page.evaluate(async () => {
      const session = (await (await fetch('/v1/session')).json()) as { csrf_token: string };
      const res = await fetch('/v1/workflows/it-helpdesk', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf_token },
        body: JSON.stringify({ name: 'hijacked' }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    expect(await api<{ name: string }>('/v1/workflows/it-helpdesk')).not.toMatchObject({ name: 'hijacked' });
    await page.context().close();

    const operator = await signIn(fx().operator, '/configuration');
    await operator.getByTestId('workflow-form-it-helpdesk').waitFor();
    expect(await operator.getByTestId('nav-configuration').count()).toBe(1);
    await operator.context().close();
  });

  it('signs out: the session ends and the pages ask to sign in again', async () => {
    const page = await signIn(fx().viewer);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.goto(`${fx().url}/agents`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.evaluate(async () => (await fetch('/v1/session')).status)).toBe(401);
    await page.context().close();
  });
});
