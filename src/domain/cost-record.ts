import { createHash } from 'node:crypto';
import { canonicalJson } from './audit/canonical-json.js';
import type { CostInput, CostKind } from './item-input.js';
import type { Converted } from './item-record.js';
import { MAX_AMOUNT_MICROS, toMicros } from './money.js';
import { parseIsoTime } from './time.js';
import { isWorkledgerError } from './errors.js';

export const DEFAULT_AMORTISATION_MONTHS = 12;

/** A cost normalised for storage; `amountMicros` is null until priced from the model price table. */
export interface CostRecord {
  id: string;
  agentId: string;
  item: { source: string; externalId: string } | null;
  kind: CostKind;
  amountMicros: number | null;
  currency: string | null;
  startsAt: number;
  endsAt: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  model: string | null;
}

/** Add calendar months in UTC (integration costs are amortised over months, KPIS.md Costs). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/**
 * Validate and normalise one cost. A cost attaches to an item, or to an agent and a date range;
 * integration costs without an end are amortised over `amortisationMonths`. The id is the sender's,
 * or a hash of the record, so a replayed batch changes nothing.
 */
export function toCostRecord(
  input: CostInput,
  timeZone: string,
  amortisationMonths = DEFAULT_AMORTISATION_MONTHS,
): Converted<CostRecord> {
  const startsAt = parseIsoTime(input.starts_at, timeZone);
  if (startsAt === null) return fail('starts_at', `not an ISO-8601 time: ${JSON.stringify(input.starts_at)}`);
  let endsAt: number | null = null;
  if (input.ends_at !== undefined) {
    endsAt = parseIsoTime(input.ends_at, timeZone);
    if (endsAt === null) return fail('ends_at', `not an ISO-8601 time: ${JSON.stringify(input.ends_at)}`);
    if (endsAt <= startsAt) return fail('ends_at', 'must be after starts_at');
  }
  if (!input.item && endsAt === null) {
    if (input.kind !== 'integration')
      return fail('ends_at', 'is required for a cost not attached to an item (the range it is spread over)');
    endsAt = addMonths(startsAt, amortisationMonths);
  }
  let amountMicros: number | null = null;
  if (input.amount !== undefined) {
    try {
      amountMicros = toMicros(input.amount, 'amount', MAX_AMOUNT_MICROS);
    } catch (error) {
      if (isWorkledgerError(error)) return fail('amount', error.message.replace(/^amount: /, ''));
      throw error;
    }
    if (amountMicros < 0) return fail('amount', 'must not be negative');
  } else if (input.model === undefined || (input.tokens_in === undefined && input.tokens_out === undefined)) {
    return fail('amount', 'is required unless tokens_in/tokens_out and model are given');
  }
  const id =
    input.id ?? 'cst_' + createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 24);
  return {
    ok: true,
    value: {
      id,
      agentId: input.agent_id,
      item: input.item ? { source: input.item.source, externalId: input.item.external_id } : null,
      kind: input.kind,
      amountMicros,
      currency: input.currency ?? null,
      startsAt,
      endsAt,
      tokensIn: input.tokens_in ?? null,
      tokensOut: input.tokens_out ?? null,
      model: input.model ?? null,
    },
  };
}

function fail(field: string, message: string): Converted<never> {
  return { ok: false, error: { field, message } };
}
