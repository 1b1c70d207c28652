import { z } from 'zod';
import { RateCard } from '../../domain/baseline/rate-card.js';
import { ResourceId } from '../../domain/config-input.js';
import { WorkledgerError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { getRateCard, listRateCards, saveRateCard, type RateCardRow } from '../../store/queries/baselines.js';
import { reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { parseInput } from '../parse-input.js';

export interface RateCardView {
  id: string;
  rate_card: RateCard;
  updated_at: string;
}

function view(row: RateCardRow): RateCardView {
  return { id: row.id, rate_card: RateCard.parse(JSON.parse(row.body)), updated_at: toIso(row.updated_at) };
}

/** Create or replace a rate card: loaded rates, handle hours per cohort, overhead, FTE hours, SLA penalty. */
export async function putRateCard({
  ctx,
  input,
}: Verb<{ id: string; body: unknown }>): Promise<RateCardView> {
  requirePermission(ctx, 'configure');
  const id = parseInput(ResourceId, input.id, 'id');
  const card = parseInput(RateCard, input.body);
  return withTransaction(ctx, async (tx) => {
    const before = await getRateCard(tx, ctx.tenantId, id);
    const now = ctx.now();
    const row: RateCardRow = {
      tenant_id: ctx.tenantId,
      id,
      body: JSON.stringify(card),
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    await saveRateCard(tx, row);
    const after = view(row);
    await emitAudit(tx, ctx, {
      action: 'rate_card.put',
      subject: `rate_card:${id}`,
      detail: { before: before ? view(before).rate_card : null, after: after.rate_card },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'rate_card', [id])],
    });
    return after;
  });
}

/** One rate card, or NOT_FOUND naming how to create it. */
export async function getRateCardById({ ctx, input }: Verb<{ id: string }>): Promise<RateCardView> {
  requirePermission(ctx, 'read');
  const id = parseInput(ResourceId, input.id, 'rate_card');
  const row = await getRateCard(reader(ctx), ctx.tenantId, id);
  if (!row)
    throw new WorkledgerError(
      'NOT_FOUND',
      `rate card ${id} does not exist: PUT /v1/rate-cards/${id} first`,
      'rate_card',
    );
  return view(row);
}

export async function listAllRateCards(ctx: Ctx): Promise<RateCardView[]> {
  requirePermission(ctx, 'read');
  return (await listRateCards(reader(ctx), ctx.tenantId)).map(view);
}

export const RateCardId = z.string().default('default');
