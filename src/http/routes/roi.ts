import { OpenAPIHono } from '@hono/zod-openapi';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import { runReadJson } from '../../services/reads/run-read.js';
import type { ReadOutput } from '../../services/reads/read-verbs.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import type { AppEnv } from '../env.js';
import { filterFromQuery, timeParam } from '../query-params.js';
import { declared, jsonTextAs, readQuery } from '../contract/declare.js';
import { getNextUseCasesRoute, getRoiRoute } from '../contract/value.js';

export function roiRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, getRoiRoute), async (c) => {
      const ctx = c.get('ctx');
      requirePermission(ctx, 'read');
      const query = readQuery(c, getRoiRoute);
      const tenant = await getTenantSettings(ctx);
      const statement = await runReadJson(ctx, 'getRoi', {
        filter: filterFromQuery(query, tenant.time_zone),
        asOf: timeParam(query, 'as_of', tenant.time_zone, false),
      });
      // the reader's text is getRoi's answer: typed as it, TypeScript checks it against the route
      return jsonTextAs<ReadOutput<'getRoi'>>(c, statement);
    })
    .openapi(declared(app, getNextUseCasesRoute), async (c) => {
      const ctx = c.get('ctx');
      requirePermission(ctx, 'read');
      const query = readQuery(c, getNextUseCasesRoute);
      const text = query.automation_rate?.[0];
      const rate = text === undefined ? undefined : Number(text);
      if (rate !== undefined && !Number.isFinite(rate))
        throw new WorkledgerError('VALIDATION', `automation_rate: not a number: ${text}`, 'automation_rate');
      const ranking = await runReadJson(ctx, 'getNextUseCases', { automationRate: rate });
      return jsonTextAs<ReadOutput<'getNextUseCases'>>(c, ranking);
    });
}
