import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { createApp, type App } from '../../src/http/app.js';
import { loadDemo } from '../../src/ingest/load-demo.js';
import { createChromiumPdfPrinter } from '../../src/jobs/pdf.js';
import { createApiKey } from '../../src/services/access/api-keys.js';
import type { Ctx } from '../../src/services/context.js';
import type { PdfPrinter } from '../../src/services/report/render-report.js';
import type { Store } from '../../src/store/connect.js';
import { openTestStore } from '../helpers/engines.js';
import { newTenant } from '../helpers/ledger.js';

/** Wednesday 25 November 2026: the last complete week is 2026-W47 (provisional), the last settled 2026-W46. */
export const NOW = Date.UTC(2026, 10, 25);
/** A fifth of the demo's volume: about 5,900 items, enough for every agent to pass 30 items a week. */
export const DEMO_SCALE = 0.2;

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-artifacts', 'report');

/** Keep a rendered report beside the other test artifacts, for people to look at. */
export function saveArtifact(name: string, content: string | Uint8Array): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(resolve(ARTIFACTS, name), content);
}

export interface DemoTenant {
  store: Store;
  ctx: Ctx;
  app: App;
  keys: Record<Role, string>;
  printPdf: PdfPrinter;
}

/** The seeded demo tenant at NOW in a temp SQLite file, with the in-process API and a key per role. */
export function useDemoTenant(now: number = NOW): () => DemoTenant {
  let opened: DemoTenant | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const test = await openTestStore('sqlite');
    dispose = test.dispose;
    const ctx = await newTenant(test.store, { now, name: 'Demo Co' });
    await loadDemo(ctx, { seed: 42, now, scale: DEMO_SCALE });
    const keys: Partial<Record<Role, string>> = {};
    for (const role of ['admin', 'operator', 'ingest', 'viewer'] as const)
      keys[role] = (await createApiKey({ ctx, input: { role } })).key;
    const { admin, operator, ingest, viewer } = keys;
    if (!admin || !operator || !ingest || !viewer) throw new Error('a key was not created');
    const printPdf = createChromiumPdfPrinter();
    if (!printPdf) throw new Error('the report tests need Debian chromium at /usr/bin/chromium');
    const app = createApp({ store: test.store, now: () => now, printPdf });
    opened = { store: test.store, ctx, app, keys: { admin, operator, ingest, viewer }, printPdf };
  });
  afterAll(async () => {
    await dispose?.();
  });
  return () => {
    if (!opened) throw new Error('the demo tenant is not open (did beforeAll fail?)');
    return opened;
  };
}

/** GET with a Bearer key through the in-process app. */
export async function get(app: App, path: string, key: string | null): Promise<Response> {
  return app.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}
