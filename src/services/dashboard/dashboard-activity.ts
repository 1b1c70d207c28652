import { z } from 'zod';
import { periodKey } from '../../domain/period-key.js';
import { toIso } from '../../domain/time.js';
import { listAgentItemFacts } from '../../store/queries/dashboard-agent-items.js';
import { listAttachedCosts } from '../../store/queries/dashboard-attached-costs.js';
import { reader, requirePermission, type Verb } from '../context.js';
import { checkWindow, echoFilters, type DashboardFilter } from './dashboard-window.js';
import { getTenantSettings } from '../config/tenant-settings.js';

/**
 * Activity (KPIS.md calls these vanity metrics): how much the agents did, not what it achieved.
 * conversations = agent items opened (any outcome); messages = their `turns` (or `messages`)
 * attribute summed; tokens = tokens of their attached costs; model_calls = their inference cost records.
 */
export interface ActivityCounts {
  conversations: number;
  messages: number;
  tokens_in: number;
  tokens_out: number;
  model_calls: number;
}

export interface Activity {
  from: string;
  to: string;
  filters: Record<string, (string | number)[]>;
  /** Always "activity": these numbers are never KPIs and are shown apart from them. */
  kind: 'activity';
  totals: ActivityCounts;
  bucket: 'day' | 'week' | null;
  series: ({ period: string } & ActivityCounts)[];
}

const Turns = z.object({
  turns: z.number().nonnegative().optional(),
  messages: z.number().nonnegative().optional(),
});

function messagesOf(attributes: string | null): number {
  if (attributes === null) return 0;
  const parsed = Turns.safeParse(JSON.parse(attributes));
  return parsed.success ? (parsed.data.turns ?? parsed.data.messages ?? 0) : 0;
}

const zero = (): ActivityCounts => ({
  conversations: 0,
  messages: 0,
  tokens_in: 0,
  tokens_out: 0,
  model_calls: 0,
});

/** Conversations, messages, tokens and model calls of the filter's agent items, in total and per bucket. */
export async function getActivity({
  ctx,
  input,
}: Verb<{ filter: DashboardFilter; bucket: 'day' | 'week' | null }>): Promise<Activity> {
  requirePermission(ctx, 'read');
  const { filter, bucket } = input;
  checkWindow(filter);
  const db = reader(ctx);
  const tenant = await getTenantSettings(ctx);
  const totals = zero();
  const series = new Map<string, ActivityCounts>();
  const at = (openedAt: number): ActivityCounts[] => {
    if (bucket === null) return [totals];
    const key = periodKey(openedAt, bucket, tenant.time_zone);
    const counts = series.get(key) ?? zero();
    series.set(key, counts);
    return [totals, counts];
  };
  for (const item of await listAgentItemFacts(db, ctx.tenantId, filter)) {
    const messages = messagesOf(item.attributes);
    for (const counts of at(item.opened_at)) {
      counts.conversations += 1;
      counts.messages += messages;
    }
  }
  for (const cost of await listAttachedCosts(db, ctx.tenantId, filter)) {
    for (const counts of at(cost.opened_at)) {
      counts.tokens_in += cost.tokens_in ?? 0;
      counts.tokens_out += cost.tokens_out ?? 0;
      if (cost.kind === 'inference') counts.model_calls += 1;
    }
  }
  return {
    from: toIso(filter.from),
    to: toIso(filter.to),
    filters: echoFilters(filter),
    kind: 'activity',
    totals,
    bucket,
    series: [...series.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([period, c]) => ({ period, ...c })),
  };
}
