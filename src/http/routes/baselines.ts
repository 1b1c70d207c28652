import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { z } from 'zod';
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
import { StoredText } from '../../domain/text.js';
import { parseIsoTime } from '../../domain/time.js';
import { queryLists, type AppEnv } from '../env.js';
import { listParam, rejectUnknown, timeParam } from '../query-params.js';
import { readJson } from '../read-json.js';

const FreezeBody = z.strictObject({
  from: StoredText,
  to: StoredText,
  cohort_by: z.array(CohortField).min(1).optional(),
  rate_card: StoredText.optional(),
  name: StoredText.trim().min(1).max(200).optional(),
});

function cohortByParam(values: string[] | undefined) {
  return values?.map((v) => parseInput(CohortField, v, 'cohort_by'));
}

export function registerBaselineRoutes(app: Hono<AppEnv>): void {
  app.put('/v1/rate-cards/:id', async (c) =>
    c.json(
      await putRateCard({ ctx: c.get('ctx'), input: { id: c.req.param('id'), body: await readJson(c) } }),
    ),
  );
  app.get('/v1/rate-cards/:id', async (c) =>
    c.json(await getRateCardById({ ctx: c.get('ctx'), input: { id: c.req.param('id') } })),
  );
  app.get('/v1/rate-cards', async (c) => c.json({ rate_cards: await listAllRateCards(c.get('ctx')) }));

  app.put('/v1/deployments/:agent/:workflow', async (c) =>
    c.json(
      await putDeployment({
        ctx: c.get('ctx'),
        input: { agentId: c.req.param('agent'), workflow: c.req.param('workflow'), body: await readJson(c) },
      }),
    ),
  );
  app.get('/v1/deployments', async (c) => c.json({ deployments: await listAllDeployments(c.get('ctx')) }));

  app.get('/v1/baselines/preview', async (c) => {
    const ctx = c.get('ctx');
    requirePermission(ctx, 'read');
    const query = queryLists(c);
    rejectUnknown(query, ['from', 'to', 'cohort_by', 'rate_card']);
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
    return c.json(baseline);
  });
  app.post('/v1/baselines', async (c) => {
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
  });
  app.get('/v1/baselines', async (c) => c.json({ baselines: await listBaselines(c.get('ctx')) }));
  app.get('/v1/baselines/current', async (c) => c.json(await showBaseline({ ctx: c.get('ctx'), input: {} })));
  app.get('/v1/baselines/:version', async (c) => {
    const version = Number(c.req.param('version'));
    if (!Number.isInteger(version) || version < 1)
      throw new WorkledgerError(
        'VALIDATION',
        `version: a positive integer, got ${c.req.param('version')}`,
        'version',
      );
    return c.json(await showBaseline({ ctx: c.get('ctx'), input: { version } }));
  });
}

/** The routes of this file as a sub-app (being moved onto declared routes, see src/http/contract). */
export function baselineRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  registerBaselineRoutes(app);
  return app;
}
