import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { isWorkledgerError, type ErrorCode, type WorkledgerError } from '../domain/errors.js';
import { actorLabel, type Ctx } from '../services/context.js';
import type { Logger } from 'pino';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Seconds a client should wait before retrying a 503: about a failover, or a burst of sign-ins. */
export const RETRY_AFTER_SECONDS = 5;

/** The body of every error answer: `{ error: { code, message, field?, requestId } }`. */
export function errorBody(code: ErrorCode, message: string, requestId: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}), requestId } };
}

/** The one place errors become HTTP answers, with errorBody. */
export function errorResponse(error: unknown, c: Context, logger: Logger) {
  const requestId = String(c.get('requestId' as never) ?? '');
  if (isWorkledgerError(error)) {
    const status = STATUS[error.code];
    if (status >= 500) logger.error({ err: error, requestId }, 'request failed');
    if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')
      logDenied(c, logger, error, requestId);
    if (error.code === 'UNAVAILABLE') c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(errorBody(error.code, error.message, requestId, error.field), status);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || '(input)';
    return c.json(errorBody('VALIDATION', `${field}: ${issue?.message ?? 'invalid'}`, requestId, field), 400);
  }
  logger.error({ err: error, requestId }, 'unexpected error');
  return c.json(errorBody('INTERNAL', 'internal error; see the server log', requestId), 500);
}

/**
 * Every denied attempt, one warning line: who (the key or user when known), what they asked, and why
 * it was refused. Keys and tokens themselves are never logged.
 */
function logDenied(c: Context, logger: Logger, error: WorkledgerError, requestId: string): void {
  // the dashboard asking whether anyone is signed in, with no credential at all, attempts nothing
  const presented = c.req.header('authorization') !== undefined || c.req.header('cookie') !== undefined;
  if (!presented && c.req.method === 'GET' && c.req.path === '/v1/session') return;
  const ctx = c.get('ctx' as never) as Ctx | undefined;
  logger.warn(
    {
      requestId,
      method: c.req.method,
      path: c.req.path,
      code: error.code,
      reason: error.message,
      ...(ctx ? { tenant: ctx.tenantId, actor: actorLabel(ctx.actor) } : {}),
      ip: c.req.header('x-forwarded-for') ?? remoteAddress(c),
    },
    'access denied',
  );
}

function remoteAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
