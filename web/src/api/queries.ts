import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../app/session-context.js';
import { isApiError } from './client.js';
import type {
  ActivityAnswer,
  Agent,
  BaselineAnswer,
  CostsAnswer,
  ItemDetail,
  ItemPage,
  KpiAnswer,
  KpiItemPage,
  NextUseCasesAnswer,
  OutcomeMixAnswer,
  RoiAnswer,
  Workflow,
} from './types.js';

/** GET `path` as a cached query keyed by the path itself (the URL holds every parameter). */
export function useApiGet<T>(path: string | null): UseQueryResult<T> {
  const api = useApi();
  return useQuery({
    queryKey: ['get', path],
    queryFn: () => api.get<T>(path ?? ''),
    enabled: path !== null,
  });
}

/** Like useApiGet, but a 404 (e.g. no baseline frozen yet, or a route this server lacks) reads as null. */
export function useOptionalGet<T>(path: string): UseQueryResult<T | null> {
  const api = useApi();
  return useQuery({
    queryKey: ['get-optional', path],
    queryFn: async () => {
      try {
        return await api.get<T>(path);
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });
}

export const useKpis = (query: string | null) =>
  useApiGet<KpiAnswer>(query === null ? null : `/v1/kpis?${query}`);
export const useBaseline = () => useOptionalGet<BaselineAnswer>('/v1/baselines/current');
/** GET /v1/roi of a period, or null while `query` is null (asked after the period's KPIs) or on 404. */
export function useRoi(query: string | null): UseQueryResult<RoiAnswer | null> {
  const api = useApi();
  return useQuery({
    queryKey: ['roi', query],
    queryFn: async () => {
      try {
        return await api.get<RoiAnswer>(`/v1/roi?${query ?? ''}`);
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    enabled: query !== null,
  });
}
export const useNextUseCases = () => useOptionalGet<NextUseCasesAnswer>('/v1/next-use-cases');
export const useAgents = () => useApiGet<{ agents: Agent[] }>('/v1/agents');
export const useWorkflows = () => useApiGet<{ workflows: Workflow[] }>('/v1/workflows');
/** GET /v1/items of the period and filters, or nothing while `query` is null. */
export const useItems = (query: string | null) =>
  useApiGet<ItemPage>(query === null ? null : `/v1/items?${query}`);
/** GET /v1/items?kpi=…&part=…: a KPI's drill-down with its count, or nothing while `query` is null. */
export const useKpiItems = (query: string | null) =>
  useApiGet<KpiItemPage>(query === null ? null : `/v1/items?${query}`);
export const useItem = (source: string, externalId: string) =>
  useApiGet<ItemDetail>(`/v1/items/${encodeURIComponent(source)}/${encodeURIComponent(externalId)}`);
export const useOutcomeMix = (query: string) =>
  useApiGet<OutcomeMixAnswer>(`/v1/dashboard/outcomes?${query}`);
export const useCosts = (query: string) => useApiGet<CostsAnswer>(`/v1/dashboard/costs?${query}`);
export const useActivity = (query: string) => useApiGet<ActivityAnswer>(`/v1/dashboard/activity?${query}`);
