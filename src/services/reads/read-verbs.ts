import { getActivity } from '../dashboard/dashboard-activity.js';
import { getCostsByKind } from '../dashboard/dashboard-costs-by-kind.js';
import { getOutcomeMix } from '../dashboard/dashboard-outcome-mix.js';
import { getKpis, getKpisJson } from '../kpis/get-kpis.js';
import { getRoi } from '../value/get-roi.js';
import { listKpiMembers } from '../kpis/kpi-drill-down.js';
import { getNextUseCases } from '../value/next-use-cases.js';
import { buildWeeklyReport } from '../report/report-build.js';

/**
 * The analytical read verbs that may run on a reader thread: each takes a serialisable input and answers
 * a plain object, so it runs the same in-process or in a worker (src/services/reads/read-pool.ts).
 */
export const READ_VERBS = {
  getKpis,
  getKpisJson,
  getRoi,
  getNextUseCases,
  listKpiMembers,
  buildWeeklyReport,
  getCostsByKind,
  getOutcomeMix,
  getActivity,
} as const;

export type ReadVerbName = keyof typeof READ_VERBS;
export type ReadInput<N extends ReadVerbName> = Parameters<(typeof READ_VERBS)[N]>[0]['input'];
export type ReadOutput<N extends ReadVerbName> = Awaited<ReturnType<(typeof READ_VERBS)[N]>>;

export function isReadVerbName(name: string): name is ReadVerbName {
  return Object.hasOwn(READ_VERBS, name);
}
