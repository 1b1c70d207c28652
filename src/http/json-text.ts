import type { Context } from 'hono';
import type { JsonBody } from '../services/reads/run-read.js';
import type { AppEnv } from './env.js';

/** Answer JSON already serialised (by a reader thread), with the content type c.json would set. */
export function jsonText(c: Context<AppEnv>, body: JsonBody): Response {
  return c.body(body, 200, { 'content-type': 'application/json' });
}
