import { createApiKey } from '../../src/services/access/api-keys.js';
import { freezeBaseline } from '../../src/services/value/baselines.js';
import { putAgent, putModelPrice, putWorkflow } from '../../src/services/config/configure.js';
import type { Ctx } from '../../src/services/context.js';
import { createTenant } from '../../src/services/config/create-tenant.js';
import { putDeployment } from '../../src/services/config/deployments.js';
import { putRateCard } from '../../src/services/config/rate-cards.js';
import { createUser } from '../../src/services/access/users.js';
import type { Store } from '../../src/store/connect.js';
import { DEMO_RATE_CARD } from '../../src/domain/demo/demo-rate-card.js';
import { DAY_MS, toIso } from '../../src/domain/time.js';
import type { ScaleCatalog } from './scale-catalog.js';

/** The scale tenant as the benchmark uses it: its context, keys for writers and readers, a dashboard login. */
export interface ScaleTenant {
  tenantId: string;
  ctx: Ctx;
  ingestKey: string;
  viewerKey: string;
  login: { email: string; password: string };
}

const BASELINE_DAYS = 90;

/**
 * A fresh tenant configured through the service verbs, as an operator would: its workflows with SLA
 * targets, agents with their scope, model prices, a rate card, each agent's go-live at the start of the
 * history, an ingest and a viewer key, and a viewer who signs in to the dashboard.
 */
export async function setUpScaleTenant(
  store: Store,
  catalog: ScaleCatalog,
  start: number,
  now: number,
): Promise<ScaleTenant> {
  const actor = { kind: 'cli', user: 'bench' } as const;
  const clock = () => now;
  const tenant = await createTenant({ store, actor, now: clock, input: { name: 'Scale Co' } });
  const ctx: Ctx = { store, tenantId: tenant.id, actor, requestId: 'scale-bench', now: clock };
  for (const w of catalog.workflows)
    await putWorkflow({
      ctx,
      input: { id: w.id, body: { name: w.name, department: w.department, sla_hours: w.slaHours } },
    });
  for (const m of catalog.models)
    await putModelPrice({
      ctx,
      input: {
        model: m.model,
        body: { input_per_million: m.inputPerMillion, output_per_million: m.outputPerMillion },
      },
    });
  for (const a of catalog.agents) {
    const scope = {
      categories: a.categories.map((c) => c.value.name),
      channels: a.channels.map((c) => c.value),
    };
    await putAgent({
      ctx,
      input: { id: a.id, body: { name: a.name, vendor: a.vendor, version: a.version, scope } },
    });
    await putDeployment({
      ctx,
      input: { agentId: a.id, workflow: a.workflow.id, body: { go_live_at: toIso(start) } },
    });
  }
  await putRateCard({
    ctx,
    input: {
      id: 'default',
      // the demo's team and rates, with handle hours for the scale catalog's workflows
      body: {
        ...DEMO_RATE_CARD,
        handle_hours: {
          default: 1,
          cohorts: catalog.workflows.map((w, i) => ({ workflow: w.id, hours: 0.5 + (i % 4) * 0.5 })),
        },
      },
    },
  });
  const { key: ingestKey } = await createApiKey({ ctx, input: { role: 'ingest', name: 'scale writer' } });
  const { key: viewerKey } = await createApiKey({ ctx, input: { role: 'viewer', name: 'scale reader' } });
  const login = { email: 'viewer@scale.example', password: 'scale bench passphrase' };
  await createUser({ ctx, input: { ...login, role: 'viewer' } });
  return { tenantId: tenant.id, ctx, ingestKey, viewerKey, login };
}

/** Freeze the human team's baseline over the first 90 days of the history, so ROI and baseline lines exist. */
export async function freezeScaleBaseline(tenant: ScaleTenant, start: number): Promise<void> {
  await freezeBaseline({
    ctx: tenant.ctx,
    input: { from: start, to: start + BASELINE_DAYS * DAY_MS, name: 'human desk, first quarter' },
  });
}
