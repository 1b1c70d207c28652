import { OpenAPIHono } from '@hono/zod-openapi';
import { WorkledgerError } from '../../domain/errors.js';
import { requirePermission } from '../../services/context.js';
import type { Hono } from 'hono';
import { acceptItemsBody } from '../../ingest/accept-items.js';
import { acceptCostsBody } from '../../ingest/accept-costs.js';
import { getItem, listItems } from '../../services/kpis/read-items.js';
import { runReadJson } from '../../services/reads/run-read.js';
import { jsonText } from '../json-text.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import { queryLists, type AppEnv } from '../env.js';
import { readBodyText } from '../read-body.js';
import { FILTER_PARAMS, filterFromQuery, listParam, rejectUnknown, timeParam } from '../query-params.js';

export function registerItemRoutes(app: Hono<AppEnv>): void {
  // Both batch endpoints: role first, then the body (JSON or NDJSON, maybe gzip), then 200, 207 when
  // some records were refused, or 422 when every record was: the summary, with the first refusal as
  // the error.
  for (const [path, accept] of [
    ['/v1/items', acceptItemsBody],
    ['/v1/costs', acceptCostsBody],
  ] as const) {
    app.post(path, async (c) => {
      requirePermission(c.get('ctx'), 'ingest');
      const text = await readBodyText(c);
      const result = await accept(c.get('ctx'), text, c.req.header('content-type') ?? 'application/json');
      const first = result.errors[0];
      if (result.accepted === 0 && first)
        return c.json(
          {
            error: {
              code: 'VALIDATION',
              message: `no record was accepted: ${result.errors.length} refused, the first at index ${first.index}: ${first.message}`,
              field: first.field,
              requestId: c.get('requestId'),
            },
            ...result,
          },
          422,
        );
      return c.json(result, result.errors.length ? 207 : 200);
    });
  }

  app.get('/v1/items/:source/:external_id', async (c) => {
    const ctx = c.get('ctx');
    const query = queryLists(c);
    rejectUnknown(query, ['as_of']);
    const tenant = await getTenantSettings(ctx);
    const item = await getItem({
      ctx,
      input: {
        source: c.req.param('source'),
        externalId: c.req.param('external_id'),
        asOf: timeParam(query, 'as_of', tenant.time_zone, false),
      },
    });
    return c.json(item);
  });

  app.get('/v1/items', async (c) => {
    const ctx = c.get('ctx');
    const query = queryLists(c);
    rejectUnknown(query, [
      ...FILTER_PARAMS,
      'cursor',
      'limit',
      'as_of',
      'outcome',
      'handled_by',
      'kpi',
      'part',
    ]);
    const tenant = await getTenantSettings(ctx);
    const filter = filterFromQuery(query, tenant.time_zone);
    requirePermission(ctx, 'read');
    const kpi = query.kpi?.[0];
    if (kpi !== undefined) {
      // A KPI's drill-down: its items, as the KPI counts them; outcome and handler are the KPI's own.
      for (const own of ['outcome', 'handled_by'])
        if (query[own] !== undefined)
          throw new WorkledgerError(
            'VALIDATION',
            `${own}: not with kpi (the KPI decides which items count)`,
            own,
          );
      const part = query.part?.[0] ?? 'denominator';
      if (part !== 'numerator' && part !== 'denominator')
        throw new WorkledgerError(
          'VALIDATION',
          `part: must be numerator or denominator, got ${part}`,
          'part',
        );
      return jsonText(
        c,
        await runReadJson(ctx, 'listKpiMembers', {
          filter,
          kpi,
          part,
          cursor: query.cursor?.[0],
          limit: query.limit?.[0] === undefined ? undefined : Number(query.limit[0]),
          asOf: timeParam(query, 'as_of', tenant.time_zone, false),
        }),
      );
    }
    if (query.part !== undefined) throw new WorkledgerError('VALIDATION', 'part: needs kpi', 'part');
    const handledBy = query.handled_by?.[0];
    if (handledBy !== undefined && handledBy !== 'human' && handledBy !== 'agent')
      throw new WorkledgerError(
        'VALIDATION',
        `handled_by: must be human or agent, got ${handledBy}`,
        'handled_by',
      );
    const page = await listItems({
      ctx,
      input: {
        filter: {
          ...filter,
          outcome: listParam(query, 'outcome'),
          handledBy,
        },
        cursor: query.cursor?.[0],
        limit: query.limit?.[0] === undefined ? undefined : Number(query.limit[0]),
        asOf: timeParam(query, 'as_of', tenant.time_zone, false),
      },
    });
    return c.json(page);
  });
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function itemRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerItemRoutes(app);
  return app;
}
