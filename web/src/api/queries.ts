import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../app/session-context.js';
import { answerOf, isApiError } from './client.js';
import type { ItemPage, KpiItemPage } from './answers.js';

/**
 * A query string as the route's query object. The dashboard keeps every parameter in its URL and passes
 * it on as it is; the server checks each one and names the one it refuses.
 */
function queryOf<Q>(search: string): Q {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  return query as Q;
}

/** An answer of the API as a cached query, keyed by `key`; while `enabled` is false, nothing is asked. */
function useAnswer<T>(key: readonly unknown[], ask: () => Promise<T>, enabled = true): UseQueryResult<T> {
  return useQuery({ queryKey: key, queryFn: ask, enabled });
}

/** The answer, or null on a 404 (no baseline frozen yet, a route this server lacks). */
async function orNullOn404<T>(ask: Promise<T>): Promise<T | null> {
  try {
    return await ask;
  } catch (error) {
    if (isApiError(error, 404)) return null;
    throw error;
  }
}

type Query<F> = F extends (args: { query: infer Q }, ...rest: never[]) => unknown ? Q : never;

export function useKpis(query: string | null) {
  const { client } = useApi();
  const kpis = client.v1.kpis;
  return useAnswer(
    ['kpis', query],
    () => answerOf(kpis.$get({ query: queryOf<Query<typeof kpis.$get>>(query ?? '') })),
    query !== null,
  );
}

export function useBaseline() {
  const { client } = useApi();
  return useAnswer(['baseline'], () => orNullOn404(answerOf(client.v1.baselines.current.$get())));
}

/** GET /v1/roi of a period, or null while `query` is null (asked after the period's KPIs) or on 404. */
export function useRoi(query: string | null) {
  const { client } = useApi();
  const roi = client.v1.roi;
  return useAnswer(
    ['roi', query],
    () => orNullOn404(answerOf(roi.$get({ query: queryOf<Query<typeof roi.$get>>(query ?? '') }))),
    query !== null,
  );
}

export function useNextUseCases() {
  const { client } = useApi();
  return useAnswer(['next-use-cases'], () =>
    orNullOn404(answerOf(client.v1['next-use-cases'].$get({ query: {} }))),
  );
}

export function useAgents() {
  const { client } = useApi();
  return useAnswer(['agents'], () => answerOf(client.v1.agents.$get()));
}

export function useWorkflows() {
  const { client } = useApi();
  return useAnswer(['workflows'], () => answerOf(client.v1.workflows.$get()));
}

/** GET /v1/items with `query`, its answer narrowed by `pick` (the route answers either kind of page). */
function useItemPages<P>(
  key: string,
  query: string | null,
  pick: (page: ItemPage | KpiItemPage) => P | null,
) {
  const { client } = useApi();
  const items = client.v1.items;
  return useAnswer(
    [key, query],
    async () => {
      const page = pick(
        await answerOf(items.$get({ query: queryOf<Query<typeof items.$get>>(query ?? '') })),
      );
      if (page === null) throw new Error(`GET /v1/items answered the other kind of page for ${query ?? ''}`);
      return page;
    },
    query !== null,
  );
}

/** GET /v1/items of the period and filters, or nothing while `query` is null. */
export const useItems = (query: string | null) =>
  useItemPages('items', query, (page) => ('kpi' in page ? null : page));
/** GET /v1/items?kpi=…&part=…: a KPI's drill-down with its count, or nothing while `query` is null. */
export const useKpiItems = (query: string | null) =>
  useItemPages('kpi-items', query, (page) => ('kpi' in page ? page : null));

export function useItem(source: string, externalId: string) {
  const { client } = useApi();
  return useAnswer(['item', source, externalId], () =>
    answerOf(
      client.v1.items[':source'][':external_id'].$get({
        param: { source, external_id: externalId },
        query: {},
      }),
    ),
  );
}

export function useOutcomeMix(query: string) {
  const { client } = useApi();
  const outcomes = client.v1.dashboard.outcomes;
  return useAnswer(['outcomes', query], () =>
    answerOf(outcomes.$get({ query: queryOf<Query<typeof outcomes.$get>>(query) })),
  );
}

export function useCosts(query: string) {
  const { client } = useApi();
  const costs = client.v1.dashboard.costs;
  return useAnswer(['costs', query], () =>
    answerOf(costs.$get({ query: queryOf<Query<typeof costs.$get>>(query) })),
  );
}

export function useActivity(query: string) {
  const { client } = useApi();
  const activity = client.v1.dashboard.activity;
  return useAnswer(['activity', query], () =>
    answerOf(activity.$get({ query: queryOf<Query<typeof activity.$get>>(query) })),
  );
}
