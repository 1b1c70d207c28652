import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { App } from './app.js';

/**
 * The one typed client of the API, for the dashboard and the CLI: its paths, parameters and answers
 * are the routes' declarations (src/http/contract), so a caller cannot ask for a field the server does
 * not send. Browser code and Node code share it; it holds no server code (App is a type).
 */
export function apiClient(
  baseUrl: string,
  options: { fetch?: typeof fetch; headers?: () => Record<string, string> } = {},
) {
  return hc<App>(baseUrl, {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

export type ApiClient = ReturnType<typeof apiClient>;

/** An error answer of the API, `{ error: { code, message, field? } }`, with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The body type of the success answers among a route's declared responses. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, string> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * The JSON body of a success answer, typed by the route's declaration; any other answer becomes an
 * ApiError carrying the server's code, message and field.
 */
export async function answerOf<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R> | R,
): Promise<SuccessBody<R>> {
  const response = await pending;
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok)
        throw new ApiError(response.status, 'HTTP', 'the server answered something other than JSON');
    }
  }
  if (!response.ok) throw errorOf(response.status, body);
  return body as SuccessBody<R>; // the declaration's type: the server's answers are checked against it in tests
}

function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'message' in error && 'code' in error)
      return new ApiError(
        status,
        String(error.code),
        String(error.message),
        'field' in error && typeof error.field === 'string' ? error.field : undefined,
      );
  }
  return new ApiError(status, 'HTTP', `the server answered ${status}`);
}
