import { requirePermission } from '../../services/context.js';
import type { Hono } from 'hono';
import { WorkledgerError } from '../../domain/errors.js';
import { GROUP_DIMENSIONS, type GroupDimension } from '../../services/kpis/get-kpis.js';
import { runReadJson } from '../../services/reads/run-read.js';
import { jsonText } from '../json-text.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import { queryLists, type AppEnv } from '../env.js';
import { FILTER_PARAMS, filterFromQuery, listParam, rejectUnknown, timeParam } from '../query-params.js';

function isDimension(value: string): value is GroupDimension {
  return (GROUP_DIMENSIONS as readonly string[]).includes(value);
}

export function registerKpiRoutes(app: Hono<AppEnv>): void {
  app.get('/v1/kpis', async (c) => {
    const ctx = c.get('ctx');
    const query = queryLists(c);
    requirePermission(ctx, 'read');
    rejectUnknown(query, [...FILTER_PARAMS, 'group_by', 'as_of', 'compare']);
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
    return jsonText(c, answer);
  });
}
