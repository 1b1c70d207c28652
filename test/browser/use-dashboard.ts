import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ARTIFACTS, launchChromium, type DashboardFixture, type Login } from './dashboard-fixture.js';

// Code that runs in the page is passed as strings where it needs the DOM: the root tsconfig has no DOM lib.

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** An attribute of every element a locator matches, in document order. */
export async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
}

/** The trimmed text of the first element with this data-testid. */
export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).trim();
}

/** Text with ICU's thin and narrow no-break spaces (ranges, times) as plain ones: Node's and Chromium's differ. */
export function plain(shown: string): string {
  return shown.replace(/\s/g, ' ');
}

/** A full-page PNG in test-artifacts/. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/dashboard-${name}.png`, fullPage: true });
}

/**
 * A real server started by `start` (e.g. startDashboard on the demo) and a Chromium for the calling test
 * file (opened in beforeAll, closed in afterAll). Pages get the browser clock `browserTime`, en-US and
 * UTC; every test must end without uncaught errors in its pages.
 */
export function useDashboard(options: { start: () => Promise<DashboardFixture>; browserTime: number }) {
  let fixture: DashboardFixture | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [fixture, browser] = await Promise.all([options.start(), launchChromium()]);
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
  });

  function fx(): DashboardFixture {
    if (!fixture) throw new Error('the dashboard is not running (did beforeAll fail?)');
    return fixture;
  }

  /** GET with the admin key; throws on an error status. */
  async function api<T>(path: string): Promise<T> {
    const res = await fetch(`${fx().url}${path}`, { headers: { authorization: `Bearer ${fx().key}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Like api, but null on 404 (e.g. no baseline frozen, a route this server lacks). */
  async function optionalApi<T>(path: string): Promise<T | null> {
    const res = await fetch(`${fx().url}${path}`, { headers: { authorization: `Bearer ${fx().key}` } });
    return res.status === 404 ? null : ((await res.json()) as T);
  }

  async function newPage(viewport = DESKTOP): Promise<Page> {
    if (!browser) throw new Error('the browser is not running (did beforeAll fail?)');
    const context: BrowserContext = await browser.newContext({
      viewport,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await context.clock.setFixedTime(options.browserTime);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  /** Sign in through the form, as a person would; lands on the page asked for. */
  async function signIn(login: Login, path = '/', viewport = DESKTOP): Promise<Page> {
    const page = await newPage(viewport);
    await page.goto(`${fx().url}${path}`);
    await page.getByTestId('sign-in-email').fill(login.email);
    await page.getByTestId('sign-in-password').fill(login.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-email').waitFor();
    return page;
  }

  return { fx, api, optionalApi, newPage, signIn };
}
