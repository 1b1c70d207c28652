import { OpenAPIHono } from '@hono/zod-openapi';
import { CohortField } from '../../domain/baseline/cohort-key.js';
import { WorkledgerError } from '../../domain/errors.js';
import {
  freezeBaseline,
  listBaselines,
  previewBaseline,
  showBaseline,
} from '../../services/value/baselines.js';
import { requirePermission } from '../../services/context.js';
import { listAllDeployments, putDeployment } from '../../services/config/deployments.js';
import { parseInput } from '../../services/parse-input.js';
import { getRateCardById, listAllRateCards, putRateCard } from '../../services/config/rate-cards.js';
import { getTenantSettings } from '../../services/config/tenant-settings.js';
import { parseIsoTime } from '../../domain/time.js';
import type { AppEnv } from '../env.js';
import { listParam, timeParam } from '../query-params.js';
import { readJson } from '../read-json.js';
import { declared, readQuery } from '../contract/declare.js';
import {
  currentBaselineRoute,
  freezeBaselineRoute,
  FreezeBody,
  getBaselineRoute,
  getRateCardRoute,
  listBaselinesRoute,
  listDeploymentsRoute,
  listRateCardsRoute,
  previewBaselineRoute,
  putDeploymentRoute,
  putRateCardRoute,
} from '../contract/baselines.js';

function cohortByParam(values: string[] | undefined) {
  return values?.map((v) => parseInput(CohortField, v, 'cohort_by'));
}

/** Rate cards, deployments, and the human baselines computed and frozen from them. */
export function baselineRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, putRateCardRoute), async (c) =>
      c.json(
        await putRateCard({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } }),
        200,
      ),
    )
    .openapi(declared(app, getRateCardRoute), async (c) =>
      c.json(await getRateCardById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } }), 200),
    )
    .openapi(declared(app, listRateCardsRoute), async (c) =>
      c.json({ rate_cards: await listAllRateCards(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, putDeploymentRoute), async (c) =>
      c.json(
        await putDeployment({
          ctx: c.get('ctx'),
          input: {
            agentId: c.req.param('agent'),
            workflow: c.req.param('workflow'),
            body: await readJson(c),
          },
        }),
        200,
      ),
    )
    .openapi(declared(app, listDeploymentsRoute), async (c) =>
      c.json({ deployments: await listAllDeployments(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, previewBaselineRoute), async (c) => {
      const ctx = c.get('ctx');
      requirePermission(ctx, 'read');
      const query = readQuery(c, previewBaselineRoute);
      const tenant = await getTenantSettings(ctx);
      const baseline = await previewBaseline({
        ctx,
        input: {
          from: timeParam(query, 'from', tenant.time_zone, true) ?? 0,
          to: timeParam(query, 'to', tenant.time_zone, true) ?? 0,
          cohortBy: cohortByParam(listParam(query, 'cohort_by')),
          rateCardId: query.rate_card?.[0],
        },
      });
      return c.json(baseline, 200);
    })
    .openapi(declared(app, freezeBaselineRoute), async (c) => {
      const ctx = c.get('ctx');
      requirePermission(ctx, 'configure');
      const body = parseInput(FreezeBody, await readJson(c));
      const tenant = await getTenantSettings(ctx);
      const time = (text: string, field: string) => {
        const ms = parseIsoTime(text, tenant.time_zone);
        if (ms === null)
          throw new WorkledgerError('VALIDATION', `${field}: not an ISO-8601 time or date: ${text}`, field);
        return ms;
      };
      const frozen = await freezeBaseline({
        ctx,
        input: {
          from: time(body.from, 'from'),
          to: time(body.to, 'to'),
          cohortBy: body.cohort_by,
          rateCardId: body.rate_card,
          name: body.name,
        },
      });
      return c.json(frozen, 201);
    })
    .openapi(declared(app, listBaselinesRoute), async (c) =>
      c.json({ baselines: await listBaselines(c.get('ctx')) }, 200),
    )
    .openapi(declared(app, currentBaselineRoute), async (c) =>
      c.json(await showBaseline({ ctx: c.get('ctx'), input: {} }), 200),
    )
    .openapi(declared(app, getBaselineRoute), async (c) => {
      const version = Number(c.req.param('version'));
      if (!Number.isInteger(version) || version < 1)
        throw new WorkledgerError(
          'VALIDATION',
          `version: a positive integer, got ${c.req.param('version')}`,
          'version',
        );
      return c.json(await showBaseline({ ctx: c.get('ctx'), input: { version } }), 200);
    });
}
