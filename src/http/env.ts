import type { Context } from 'hono';
import type { Ctx } from '../services/context.js';

export type AppEnv = { Variables: { requestId: string; ctx: Ctx } };

/** The query string as lists of values. */
export function queryLists(c: Context<AppEnv>): Record<string, string[]> {
  return c.req.queries() ?? {};
}
