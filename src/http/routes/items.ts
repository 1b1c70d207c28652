import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { WorkledgerError } from '../../domain/errors.js';
import { type Ctx, requirePermission } from '../../services/context.js';
import { acceptItemsBody } from '../../ingest/accept-items.js';
import { acceptCostsBody } from '../../ingest/accept-costs.js';
import type { RecordError } from '../../ingest/batch-body.js';
import { getItem, listItems } from '../../services/kpis/read-items.js';
import { runReadJson } from '../../services/reads/run-read.js';
import type { ReadOutput } from '../../services/reads/read-verbs.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import type { AppEnv } from '../env.js';
import { readBodyText } from '../read-body.js';
import { filterFromQuery, listParam, timeParam } from '../query-params.js';
import { declared, jsonTextAs, readQuery } from '../contract/declare.js';
import {
  getItemRoute,
  listItemsRoute,
  otherRecordsRoute,
  postCostsRoute,
  postItemsRoute,
} from '../contract/items.js';
import { findOtherRecords } from '../../services/ingest/other-records.js';
import { readJson } from '../read-json.js';
import { errorBody } from '../errors.js';

/**
 * Both batch endpoints: role first, then the body (JSON or NDJSON, maybe gzip), then 200, 207 when
 * some records were refused, or 422 when every record was: the summary, with the first refusal as the
 * error.
 */
function acceptBatch<R extends { accepted: number; errors: RecordError[] }>(
  accept: (ctx: Ctx, text: string, contentType: string) => Promise<R>,
) {
  // generic in the path, so each route's own path types it (a plain Context<AppEnv> would make the
  // app's route type `string`, and the typed client lose every route)
  return async <P extends string>(c: Context<AppEnv, P>) => {
    requirePermission(c.get('ctx'), 'ingest');
    const text = await readBodyText(c);
    const result = await accept(c.get('ctx'), text, c.req.header('content-type') ?? 'application/json');
    const first = result.errors[0];
    if (result.accepted === 0 && first)
      return c.json(
        {
          ...errorBody(
            'VALIDATION',
            `no record was accepted: ${result.errors.length} refused, the first at index ${first.index}: ${first.message}`,
            c.get('requestId'),
            first.field,
          ),
          ...result,
        },
        422,
      );
    if (result.errors.length) return c.json(result, 207);
    return c.json(result, 200);
  };
}

export function itemRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, postItemsRoute), acceptBatch(acceptItemsBody))
    .openapi(declared(app, postCostsRoute), acceptBatch(acceptCostsBody))
    .openapi(declared(app, otherRecordsRoute), async (c) =>
      c.json(await findOtherRecords({ ctx: c.get('ctx'), input: await readJson(c) }), 200),
    )
    .openapi(declared(app, getItemRoute), async (c) => {
      const ctx = c.get('ctx');
      const query = readQuery(c, getItemRoute);
      const tenant = await getTenantSettings(ctx);
      const item = await getItem({
        ctx,
        input: {
          source: c.req.param('source'),
          externalId: c.req.param('external_id'),
          asOf: timeParam(query, 'as_of', tenant.time_zone, false),
        },
      });
      return c.json(item, 200);
    })
    .openapi(declared(app, listItemsRoute), async (c) => {
      const ctx = c.get('ctx');
      const query = readQuery(c, listItemsRoute);
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
        const page = await runReadJson(ctx, 'listKpiMembers', {
          filter,
          kpi,
          part,
          cursor: query.cursor?.[0],
          limit: query.limit?.[0] === undefined ? undefined : Number(query.limit[0]),
          asOf: timeParam(query, 'as_of', tenant.time_zone, false),
        });
        // the reader's text is listKpiMembers' answer: typed as it, TypeScript checks it against the route
        return jsonTextAs<ReadOutput<'listKpiMembers'>>(c, page);
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
      return c.json(page, 200);
    });
}
