import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { ERROR_CODES } from '../../domain/errors.js';
import { queryLists, type AppEnv } from '../env.js';
import { rejectUnknown, type QueryLists } from '../query-params.js';
import type { JsonBody } from '../../services/reads/run-read.js';

/** Every error answer of the API: one code, one message, the field it is about, the request's id. */
export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.string().optional(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

const ERROR_STATUSES = {
  400: 'the request names a field that is invalid',
  401: 'no valid API key or session',
  403: "the caller's role does not allow it",
  404: 'not found',
  409: 'conflicts with what is stored',
  413: 'the body is too large',
  415: 'the body is not a media type this route reads',
  500: 'an unexpected error (see the server log under the request id)',
  503: 'the database is unavailable; retry after Retry-After seconds',
} as const;

/**
 * A schema made elsewhere (domain, services) named as a component of /openapi.json. `.meta({ id })`,
 * not `.openapi(name)`: a schema created before @hono/zod-openapi was first imported has no `.openapi`.
 */
export function named<S extends z.ZodType>(schema: S, id: string): S {
  return schema.meta({ id });
}

/**
 * A named schema or null. `Named.nullable()` is written into the document as a bare `$ref` without the
 * null, so the union is spelt out.
 */
export function orNull<S extends z.ZodType>(schema: S) {
  return z.union([schema, z.null()]);
}

/** A JSON response of a route. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body of a route (read and checked by the route's own parser, see `declared`). */
export function jsonBody<S extends z.ZodType>(schema: S, description: string) {
  return { description, required: true, content: { 'application/json': { schema } } } as const;
}

/**
 * Whether each answer is checked against its declared schema (tests set WORKLEDGER_CHECK_RESPONSES=1:
 * every request the suite makes then proves the server says what /openapi.json says).
 */
const CHECK_RESPONSES = process.env.WORKLEDGER_CHECK_RESPONSES === '1';

/**
 * Declares `route` once, with its request and response schemas: for /openapi.json and for the typed
 * client (hono/client infers both from it). The handler still reads the query and body with the API's
 * own readers (repeated and comma-separated lists, gzip, NDJSON, size limits, one error format), so the
 * generic validators are not installed for them; path parameters are checked by the schema.
 */
export function declared<R extends RouteConfig>(app: OpenAPIHono<AppEnv>, route: R): R {
  const responses = { ...errorResponses(route), ...route.responses };
  app.openAPIRegistry.registerPath({ ...route, responses });
  const { params } = route.request ?? {};
  return {
    ...route,
    hide: true,
    request: params ? { params } : undefined,
    ...(CHECK_RESPONSES
      ? { middleware: checkResponse(`${route.method.toUpperCase()} ${route.path}`, responses) }
      : {}),
  } as R;
}

function errorResponses(route: RouteConfig) {
  const statuses = Object.keys(ERROR_STATUSES).map(Number) as (keyof typeof ERROR_STATUSES)[];
  return Object.fromEntries(
    statuses
      .filter((status) => !(status in route.responses))
      .map((status) => [status, json(ErrorBody, ERROR_STATUSES[status])]),
  );
}

/**
 * The request's query as lists (`queryLists`), refusing a parameter the route does not declare: the
 * declaration is the one list of what a route accepts.
 */
export function readQuery(c: Context<AppEnv>, route: RouteConfig): QueryLists {
  const query = queryLists(c);
  rejectUnknown(query, queryNames(route));
  return query;
}

/** The query parameter names a route declares: what its handler accepts, and nothing else. */
export function queryNames(route: RouteConfig): string[] {
  const query = route.request?.query;
  return query instanceof z.ZodObject ? Object.keys(query.shape) : [];
}

type Responses = RouteConfig['responses'];

function checkResponse(name: string, responses: Responses): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const declaredResponse = responses[String(c.res.status)] ?? responses[c.res.status];
    if (!declaredResponse) throw new Error(`${name} answered ${c.res.status}, which it does not declare`);
    if (!('content' in declaredResponse) || !declaredResponse.content) return;
    const type = (c.res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = declaredResponse.content[type];
    if (!media) throw new Error(`${name} answered ${c.res.status} as ${type}, which it does not declare`);
    const schema = 'schema' in media ? media.schema : undefined;
    if (!(schema instanceof z.ZodType) || type !== 'application/json') return;
    const body: unknown = JSON.parse(await c.res.clone().text());
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      const problem =
        `${name} answered ${c.res.status} off its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}` +
        (issue?.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '');
      console.error(problem); // the answer becomes a 500 whose message only the log holds
      throw new Error(problem);
    }
  };
}

/**
 * Answer JSON already serialised (by a reader thread) as the route declares it: the text is what the
 * service's verb made, so its type is the declared one (checked against the schema under
 * WORKLEDGER_CHECK_RESPONSES).
 */
export function jsonTextAs<T>(c: Context, body: JsonBody): TypedResponse<JSONParsed<T>, 200, 'json'> {
  const response = c.body(body, 200, { 'content-type': 'application/json' });
  return response as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}
