import { OpenAPIHono } from '@hono/zod-openapi';
import { requirePermission } from '../../services/context.js';
import { WorkledgerError } from '../../domain/errors.js';
import { GROUP_DIMENSIONS, type GroupDimension, type KpiAnswer } from '../../services/kpis/get-kpis.js';
import { runReadJson } from '../../services/reads/run-read.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import type { AppEnv } from '../env.js';
import { filterFromQuery, listParam, timeParam } from '../query-params.js';
import { declared, jsonTextAs, readQuery } from '../contract/declare.js';
import { getKpisRoute } from '../contract/kpis.js';

function isDimension(value: string): value is GroupDimension {
  return (GROUP_DIMENSIONS as readonly string[]).includes(value);
}

export function kpiRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app.openapi(declared(app, getKpisRoute), async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'read');
    const query = readQuery(c, getKpisRoute);
    const compare = query.compare?.[0];
    if (compare !== undefined && compare !== 'previous')
      throw new WorkledgerError('VALIDATION', `compare: must be previous, got ${compare}`, 'compare');
    const tenant = await getTenantSettings(ctx);
    const groupBy = (listParam(query, 'group_by') ?? []).map((d) => {
      if (!isDimension(d))
        throw new WorkledgerError(
          'VALIDATION',
          `group_by: ${d} is not one of ${GROUP_DIMENSIONS.join(', ')}`,
          'group_by',
        );
      return d;
    });
    const answer = await runReadJson(ctx, 'getKpisJson', {
      filter: filterFromQuery(query, tenant.time_zone),
      groupBy: [...new Set(groupBy)],
      asOf: timeParam(query, 'as_of', tenant.time_zone, false),
      ...(compare === 'previous' ? { compare } : {}),
    });
    // the text of getKpis' answer (getKpisJson splices kept groups in): its type is getKpis'
    return jsonTextAs<KpiAnswer>(c, answer);
  });
}
