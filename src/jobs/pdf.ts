import { existsSync } from 'node:fs';
import type { PdfPrinter } from '../services/report/render-report.js';

/** Where Debian installs Chromium; `CHROMIUM_PATH` (read at start-up by the caller) overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A PdfPrinter driving headless Chromium through playwright-core (A4, backgrounds printed), or null
 * when the executable is missing. Each print launches and closes its own browser: reports are printed
 * a few times a week, and nothing is left running between them.
 */
export function createChromiumPdfPrinter(executablePath: string = DEFAULT_CHROMIUM_PATH): PdfPrinter | null {
  if (!existsSync(executablePath)) return null;
  return async (html) => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    try {
      const page = await browser.newPage();
      // The page is self-contained (inline CSS and SVG): nothing to wait for once it is set.
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf);
    } finally {
      await browser.close();
    }
  };
}
