/**
 * The API's answers as the dashboard reads them: every type here is derived from the typed client, i.e.
 * from the routes' declarations (src/http/contract); none is written out by hand. Names of KPIs, roles
 * and the like are the domain's own.
 */
import type { ApiClient, SuccessBody } from '../../../src/http/client.js';
import type { KpiPart } from '../../../src/domain/kpis/kpi-members.js';
import type { KpiName, ValueKpiName } from '../../../src/domain/kpis/kpi-value.js';
import type { Permission, Role } from '../../../src/domain/roles.js';
import type { BaselineBesideName } from '../../../src/domain/value/baseline-beside.js';

export type { BaselineBesideName, KpiName, KpiPart, Permission, Role, ValueKpiName };

/** The success body of one client call. */
type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? SuccessBody<R> : never;
type V1 = ApiClient['v1'];

/** GET /v1/session and POST /v1/session. */
export type Session = Answer<V1['session']['$get']>;

/** GET /v1/kpis. */
export type KpiAnswer = Answer<V1['kpis']['$get']>;
export type KpiGroup = KpiAnswer['groups'][number];
export type GroupKey = KpiGroup['key'];
export type KpiSet = KpiGroup['kpis'];
export type KpiValue = KpiSet[KpiName];
/** `comparison` of GET /v1/kpis?compare=previous. */
export type KpiComparison = NonNullable<KpiAnswer['comparison']>;
export type KpiChange = KpiComparison['groups'][number]['kpis'][KpiName];
export type ComparisonBasis = KpiComparison['basis'];
export type Verdict = KpiChange['verdict'];
export type BaselineFigure = NonNullable<KpiGroup['baseline']>['kpis'][BaselineBesideName];

/** GET /v1/baselines/current (404 while none is frozen). */
export type BaselineAnswer = Answer<V1['baselines']['current']['$get']>;

/** GET /v1/roi. */
export type RoiAnswer = Answer<V1['roi']['$get']>;
export type SignificanceRow = RoiAnswer['significance'][number];
/** GET /v1/next-use-cases. */
export type NextUseCasesAnswer = Answer<V1['next-use-cases']['$get']>;

export type Agent = Answer<V1['agents'][':id']['$get']>;
export type Workflow = Answer<V1['workflows'][':id']['$get']>;

/** GET /v1/items without `kpi`, and with `kpi` and `part` (the items one side of a KPI counts). */
type ItemPages = Answer<V1['items']['$get']>;
export type ItemPage = Exclude<ItemPages, { kpi: unknown }>;
export type KpiItemPage = Extract<ItemPages, { kpi: unknown }>;
export type Item = ItemPage['items'][number];
export type ItemDetail = Answer<V1['items'][':source'][':external_id']['$get']>;

/** GET /v1/dashboard/outcomes, /costs and /activity. */
export type OutcomeMixAnswer = Answer<V1['dashboard']['outcomes']['$get']>;
export type CostsAnswer = Answer<V1['dashboard']['costs']['$get']>;
/** A component of the AI cost: a cost kind, oversight, or the unallocated range-cost shares. */
export type CostComponent = CostsAnswer['kinds'][number]['kind'];
export type ActivityAnswer = Answer<V1['dashboard']['activity']['$get']>;
export type ActivityCounts = ActivityAnswer['totals'];
