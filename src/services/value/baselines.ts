import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../domain/audit/canonical-json.js';
import { Baseline } from '../../domain/baseline/baseline.js';
import { CohortField, DEFAULT_COHORT_BY } from '../../domain/baseline/cohort-key.js';
import { computeBaseline } from '../../domain/baseline/compute-baseline.js';
import { RateCard } from '../../domain/baseline/rate-card.js';
import { WorkledgerError } from '../../domain/errors.js';
import { toIso } from '../../domain/time.js';
import { toKpiItem } from '../../store/item-row.js';
import {
  getBaselineByVersion,
  getLatestBaseline,
  insertBaseline,
  listBaselineRows,
  type BaselineRow,
} from '../../store/queries/baselines.js';
import { listKpiItemRows } from '../../store/queries/items-read.js';
import { actorLabel, reader, requirePermission, withTransaction, type Ctx, type Verb } from '../context.js';
import { writtenRowLeaf } from '../audit/audited-tables.js';
import { emitAudit } from '../audit/emit-audit.js';
import { getRateCardById } from '../config/rate-cards.js';
import { slaHoursLookup } from '../config/sla-hours.js';
import { parseInput } from '../parse-input.js';

export interface BaselineRequest {
  from: number;
  to: number;
  cohortBy?: CohortField[];
  rateCardId?: string;
  name?: string;
}

/** A frozen baseline as the API shows it: version, hash, the rate card it used, and its cohorts. */
export interface FrozenBaseline extends Omit<Baseline, 'from' | 'to'> {
  from: string;
  to: string;
  id: string;
  version: number;
  name: string | null;
  rate_card_id: string;
  rate_card: RateCard;
  frozen_at: string;
  frozen_by: string;
  hash: string;
}

const StoredBody = z.object({ baseline: Baseline, rate_card: RateCard });

const BASELINE_SEED = 20_260_102;

/** Compute (not store) the human baseline of a window, from the human-handled items opened in it. */
export async function previewBaseline({
  ctx,
  input,
}: Verb<BaselineRequest>): Promise<
  Omit<Baseline, 'from' | 'to'> & { from: string; to: string; rate_card_id: string }
> {
  requirePermission(ctx, 'read');
  const { baseline, rateCardId } = await compute(ctx, input);
  // times as ISO text, as a frozen baseline shows them
  return { ...baseline, from: toIso(baseline.from), to: toIso(baseline.to), rate_card_id: rateCardId };
}

async function compute(
  ctx: Ctx,
  input: BaselineRequest,
): Promise<{ baseline: Baseline; rateCard: RateCard; rateCardId: string }> {
  if (!(input.to > input.from)) throw new WorkledgerError('VALIDATION', 'to: must be after from', 'to');
  const rateCardId = input.rateCardId ?? 'default';
  const { rate_card: rateCard } = await getRateCardById({ ctx, input: { id: rateCardId } });
  const db = reader(ctx);
  const rows = await listKpiItemRows(db, ctx.tenantId, {
    from: input.from,
    to: input.to,
    handledBy: 'human',
  });
  const baseline = computeBaseline({
    items: rows.map(toKpiItem),
    from: input.from,
    to: input.to,
    cohortBy: input.cohortBy ?? [...DEFAULT_COHORT_BY],
    slaHours: await slaHoursLookup(db, ctx.tenantId),
    rateCard,
    seed: BASELINE_SEED,
  });
  return { baseline, rateCard, rateCardId };
}

/** Compute and freeze a baseline as the next version: immutable, hashed, audited. */
export async function freezeBaseline({ ctx, input }: Verb<BaselineRequest>): Promise<FrozenBaseline> {
  requirePermission(ctx, 'configure');
  const { baseline, rateCard, rateCardId } = await compute(ctx, input);
  if (baseline.cohorts.length === 0)
    throw new WorkledgerError(
      'VALIDATION',
      'from: no human-handled items were opened in this window; nothing to freeze',
      'from',
    );
  const body = canonicalJson({ baseline, rate_card: rateCard });
  const hash = createHash('sha256').update(body).digest('hex');
  return withTransaction(ctx, async (tx) => {
    const latest = await getLatestBaseline(tx, ctx.tenantId);
    const version = (latest?.version ?? 0) + 1;
    const row: BaselineRow = {
      tenant_id: ctx.tenantId,
      version,
      id: `bl_${version}_${hash.slice(0, 12)}`,
      name: input.name ?? null,
      window_from: input.from,
      window_to: input.to,
      rate_card_id: rateCardId,
      body,
      body_hash: hash,
      frozen_at: ctx.now(),
      frozen_by: actorLabel(ctx.actor),
    };
    await insertBaseline(tx, row);
    await emitAudit(tx, ctx, {
      action: 'baseline.freeze',
      subject: `baseline:${version}`,
      detail: {
        version,
        hash,
        from: toIso(input.from),
        to: toIso(input.to),
        rate_card_id: rateCardId,
        cohorts: baseline.cohorts.length,
      },
      leaves: [await writtenRowLeaf(tx, ctx.tenantId, 'baseline', [row.id])],
    });
    return frozenView(row);
  });
}

/** A stored baseline row, its hash checked, as the API shows it. */
export function frozenView(row: BaselineRow): FrozenBaseline {
  const hash = createHash('sha256').update(row.body).digest('hex');
  if (hash !== row.body_hash)
    throw new WorkledgerError(
      'CONFLICT',
      `baseline version ${row.version} does not match its hash: it was altered`,
    );
  const { baseline, rate_card } = StoredBody.parse(JSON.parse(row.body));
  return {
    ...baseline,
    from: toIso(baseline.from),
    to: toIso(baseline.to),
    id: row.id,
    version: row.version,
    name: row.name,
    rate_card_id: row.rate_card_id,
    rate_card,
    frozen_at: toIso(row.frozen_at),
    frozen_by: row.frozen_by,
    hash,
  };
}

/** A frozen version number: positive, and within the version column (32-bit integer). */
export const BaselineVersion = z
  .number('a positive integer')
  .int('a positive integer')
  .min(1, 'a positive integer')
  .max(2_147_483_647, 'at most 2147483647');

/** The latest frozen baseline (or a given version); NOT_FOUND when none is frozen. */
export async function showBaseline({ ctx, input }: Verb<{ version?: number }>): Promise<FrozenBaseline> {
  requirePermission(ctx, 'read');
  const version =
    input.version === undefined ? undefined : parseInput(BaselineVersion, input.version, 'version');
  const db = reader(ctx);
  const row =
    version === undefined
      ? await getLatestBaseline(db, ctx.tenantId)
      : await getBaselineByVersion(db, ctx.tenantId, version);
  if (!row)
    throw new WorkledgerError(
      'NOT_FOUND',
      version === undefined
        ? 'no baseline is frozen yet: workledger baseline freeze'
        : `no baseline version ${version}`,
      'version',
    );
  return frozenView(row);
}

/** Every frozen version, newest last, without the cohorts. */
export async function listBaselines(ctx: Ctx) {
  requirePermission(ctx, 'read');
  const rows = await listBaselineRows(reader(ctx), ctx.tenantId);
  return rows.map((row) => {
    const full = frozenView(row);
    return {
      id: full.id,
      version: full.version,
      name: full.name,
      from: toIso(row.window_from),
      to: toIso(row.window_to),
      rate_card_id: full.rate_card_id,
      cohorts: full.cohorts.length,
      warnings: full.warnings,
      frozen_at: full.frozen_at,
      hash: full.hash,
    };
  });
}
