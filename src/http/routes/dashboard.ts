import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import { runReadJson } from '../../services/reads/run-read.js';
import type { DashboardFilter } from '../../services/dashboard/dashboard-window.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import type { AppEnv } from '../env.js';
import { filterFromQuery, listParam, type QueryLists } from '../query-params.js';
import { declared, jsonTextAs, readQuery } from '../contract/declare.js';
import { getActivityRoute, getCostsByKindRoute, getOutcomeMixRoute } from '../contract/dashboard.js';
import type { ReadOutput } from '../../services/reads/read-verbs.js';

/**
 * The filter of a dashboard view; `route` declares its query parameters. The role is checked
 * before the query is read, so a forbidden caller learns nothing from a 400.
 */
async function dashboardFilter(
  c: Context<AppEnv>,
  route: RouteConfig,
): Promise<{ filter: DashboardFilter; query: QueryLists }> {
  const ctx = c.get('ctx');
  requirePermission(ctx, 'read');
  const query = readQuery(c, route);
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
export function dashboardRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, getOutcomeMixRoute), async (c) => {
      const { filter, query } = await dashboardFilter(c, getOutcomeMixRoute);
      const byAgent = oneOf(query, 'group_by', ['agent'] as const) === 'agent';
      const answer = await runReadJson(c.get('ctx'), 'getOutcomeMix', { filter, byAgent });
      return jsonTextAs<ReadOutput<'getOutcomeMix'>>(c, answer);
    })
    .openapi(declared(app, getCostsByKindRoute), async (c) => {
      const { filter } = await dashboardFilter(c, getCostsByKindRoute);
      const answer = await runReadJson(c.get('ctx'), 'getCostsByKind', { filter });
      return jsonTextAs<ReadOutput<'getCostsByKind'>>(c, answer);
    })
    .openapi(declared(app, getActivityRoute), async (c) => {
      const { filter, query } = await dashboardFilter(c, getActivityRoute);
      const bucket = oneOf(query, 'group_by', ['day', 'week'] as const);
      const answer = await runReadJson(c.get('ctx'), 'getActivity', { filter, bucket });
      return jsonTextAs<ReadOutput<'getActivity'>>(c, answer);
    });
}
