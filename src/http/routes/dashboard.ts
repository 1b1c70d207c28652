import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono } from 'hono';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import { runReadJson } from '../../services/reads/run-read.js';
import { jsonText } from '../json-text.js';
import type { DashboardFilter } from '../../services/dashboard/dashboard-window.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import { queryLists, type AppEnv } from '../env.js';
import {
  FILTER_PARAMS,
  filterFromQuery,
  listParam,
  rejectUnknown,
  type QueryLists,
} from '../query-params.js';

/** The role is checked before the query is read, so a forbidden caller learns nothing from a 400. */
async function dashboardFilter(
  c: Context<AppEnv>,
  extra: readonly string[],
): Promise<{ filter: DashboardFilter; query: QueryLists }> {
  const ctx = c.get('ctx');
  requirePermission(ctx, 'read');
  const query = queryLists(c);
  rejectUnknown(query, [...FILTER_PARAMS, ...extra]);
  const tenant = await getTenantSettings(ctx);
  return { filter: filterFromQuery(query, tenant.time_zone), query };
}

function oneOf<T extends string>(query: QueryLists, name: string, allowed: readonly T[]): T | null {
  const values = listParam(query, name) ?? [];
  if (values.length === 0) return null;
  const value = allowed.find((a) => a === values[0]);
  if (values.length > 1 || value === undefined)
    throw new WorkledgerError('VALIDATION', `${name}: one of ${allowed.join(', ')}`, name);
  return value;
}

/** Read views the dashboard needs beside GET /v1/kpis: outcome mix, costs by kind, activity. */
export function registerDashboardRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/dashboard/outcomes', async (c) => {
    const { filter, query } = await dashboardFilter(c, ['group_by']);
    const byAgent = oneOf(query, 'group_by', ['agent'] as const) === 'agent';
    return jsonText(c, await runReadJson(c.get('ctx'), 'getOutcomeMix', { filter, byAgent }));
  });
  app.get('/v1/dashboard/costs', async (c) => {
    const { filter } = await dashboardFilter(c, []);
    return jsonText(c, await runReadJson(c.get('ctx'), 'getCostsByKind', { filter }));
  });
  app.get('/v1/dashboard/activity', async (c) => {
    const { filter, query } = await dashboardFilter(c, ['group_by']);
    const bucket = oneOf(query, 'group_by', ['day', 'week'] as const);
    return jsonText(c, await runReadJson(c.get('ctx'), 'getActivity', { filter, bucket }));
  });
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function dashboardRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerDashboardRoutes(app);
  return app;
}
