import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import { runReadJson } from '../../services/reads/run-read.js';
import { jsonText } from '../json-text.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import { queryLists, type AppEnv } from '../env.js';
import { FILTER_PARAMS, filterFromQuery, rejectUnknown, timeParam } from '../query-params.js';

export function registerRoiRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/roi', async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'read');
    const query = queryLists(c);
    rejectUnknown(query, [...FILTER_PARAMS, 'as_of']);
    const tenant = await getTenantSettings(ctx);
    return jsonText(
      c,
      await runReadJson(ctx, 'getRoi', {
        filter: filterFromQuery(query, tenant.time_zone),
        asOf: timeParam(query, 'as_of', tenant.time_zone, false),
      }),
    );
  });
  app.get('/v1/next-use-cases', async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'read');
    const query = queryLists(c);
    rejectUnknown(query, ['automation_rate']);
    const text = query.automation_rate?.[0];
    const rate = text === undefined ? undefined : Number(text);
    if (rate !== undefined && !Number.isFinite(rate))
      throw new WorkledgerError('VALIDATION', `automation_rate: not a number: ${text}`, 'automation_rate');
    return jsonText(c, await runReadJson(ctx, 'getNextUseCases', { automationRate: rate }));
  });
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function roiRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerRoiRoutes(app);
  return app;
}
