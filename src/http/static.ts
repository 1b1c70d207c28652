import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './env.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The dashboard talks only to its own origin; ECharts and React set inline styles through the CSSOM.
const HTML_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/** dist/web of this installation: found from this file, in src/ (tests) or in dist/src/ (built). */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'dist', 'web');
}

/** A file under `root`, or null: never outside it, never a directory. */
async function fileUnder(root: string, path: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = resolve(root, '.' + decoded);
  if (!file.startsWith(root + sep)) return null;
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? file : null;
}

async function sendFile(c: Context<AppEnv>, file: string, headers: Record<string, string>) {
  const body = await readFile(file);
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  return c.body(body, 200, { 'content-type': type, ...headers });
}

/**
 * Serve the dashboard built into `webRoot` (Vite's dist/web): hashed /assets/* cached for a year,
 * other files for an hour, and index.html for every other GET outside /v1 so client routes load.
 */
export function registerStaticRoutes(app: Hono<AppEnv>, webRoot: string): void {
  const root = resolve(webRoot);
  const index = join(root, 'index.html');
  app.get('*', async (c) => {
    const path = c.req.path;
    if (path === '/v1' || path.startsWith('/v1/')) return c.notFound();
    if (path.startsWith('/assets/')) {
      const file = await fileUnder(root, path);
      if (!file) return c.notFound();
      return sendFile(c, file, {
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      });
    }
    const file = path === '/' ? null : await fileUnder(root, path);
    if (file && !file.endsWith('.html'))
      return sendFile(c, file, {
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
    if (!existsSync(index))
      return c.text('The dashboard is not built: run npm run build (it builds dist/web).', 503);
    return sendFile(c, index, HTML_HEADERS);
  });
}
