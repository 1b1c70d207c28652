import { generateDemoHistory, type DemoOptions } from '../domain/demo/generate-demo.js';
import { WorkledgerError } from '../domain/errors.js';
import type { Ctx } from '../services/context.js';
import { putAgent, putModelPrice, putWorkflow } from '../services/config/configure.js';
import { runJob } from '../services/jobs/run-job.js';
import { putRateCard } from '../services/config/rate-cards.js';
import { putDeployment } from '../services/config/deployments.js';
import { freezeBaseline } from '../services/value/baselines.js';
import { DEMO_RATE_CARD } from '../domain/demo/demo-rate-card.js';
import { HUMAN } from '../domain/kpi-item.js';
import { acceptCostRecords } from './accept-costs.js';
import { acceptItemRecords } from './accept-items.js';

export interface DemoLoadProgress {
  (phase: 'items' | 'costs', done: number, total: number): void;
}

export interface DemoLoadResult {
  items: number;
  costs: number;
  agents: number;
  workflows: number;
  goLive: string;
}

const BATCH = 5_000;

/** Generate the seeded demo history and load it through the same ingestion core as every writer. */
export async function loadDemo(
  ctx: Ctx,
  options: DemoOptions,
  progress?: DemoLoadProgress,
): Promise<DemoLoadResult> {
  const history = generateDemoHistory(options);
  for (const w of history.workflows) {
    const { id, ...body } = w;
    await putWorkflow({ ctx, input: { id, body } });
  }
  for (const a of history.agents) {
    const { id, ...body } = a;
    await putAgent({ ctx, input: { id, body } });
  }
  for (const p of history.modelPrices) {
    const { model, ...body } = p;
    await putModelPrice({ ctx, input: { model, body } });
  }
  for (let i = 0; i < history.items.length; i += BATCH) {
    const result = await acceptItemRecords(ctx, history.items.slice(i, i + BATCH));
    if (result.errors.length) throw demoError('item', i, result.errors[0]);
    progress?.('items', Math.min(i + BATCH, history.items.length), history.items.length);
  }
  for (let i = 0; i < history.costs.length; i += BATCH) {
    const result = await acceptCostRecords(ctx, history.costs.slice(i, i + BATCH));
    if (result.errors.length) throw demoError('cost', i, result.errors[0]);
    progress?.('costs', Math.min(i + BATCH, history.costs.length), history.costs.length);
  }
  await runJob(ctx.store, 'durability', ctx.now, ctx.tenantId);
  await putRateCard({ ctx, input: { id: 'default', body: DEMO_RATE_CARD } });
  const goLive = new Date(history.goLive).toISOString();
  const deployed = new Set(
    history.items
      .filter((i) => i.handled_by !== HUMAN && i.workflow)
      .map((i) => `${i.handled_by}\u0000${i.workflow}`),
  );
  for (const pair of [...deployed].sort()) {
    const [agentId = '', workflow = ''] = pair.split('\u0000');
    await putDeployment({ ctx, input: { agentId, workflow, body: { go_live_at: goLive } } });
  }
  const humanDays = options.humanDays ?? 60;
  if (humanDays > 0) {
    await freezeBaseline({
      ctx,
      input: {
        from: history.goLive - humanDays * 86_400_000,
        to: history.goLive,
        name: 'pre-go-live human team',
      },
    });
  }
  return {
    items: history.items.length,
    costs: history.costs.length,
    agents: history.agents.length,
    workflows: history.workflows.length,
    goLive: new Date(history.goLive).toISOString(),
  };
}

function demoError(
  kind: string,
  offset: number,
  error: { index: number; field: string; message: string } | undefined,
) {
  return new WorkledgerError(
    'INTERNAL',
    `demo ${kind} ${offset + (error?.index ?? 0)} was rejected: ${error?.field}: ${error?.message}`,
  );
}
