import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/** Answer JSON text already serialised (by a reader thread), with the content type c.json would set. */
export function jsonText(c: Context<AppEnv>, text: string): Response {
  return c.body(text, 200, { 'content-type': 'application/json' });
}
