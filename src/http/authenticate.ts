import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { WorkledgerError } from '../domain/errors.js';
import { authenticateApiKey } from '../services/access/api-keys.js';
import type { Ctx } from '../services/context.js';
import type { ReadRunner } from '../services/reads/run-read.js';
import type { Store } from '../services/runtime.js';
import { authenticateSession, isCsrfTokenValid } from '../services/access/sessions.js';
import { authenticateWebhook, type WebhookSource } from '../services/config/webhook-secrets.js';
import { WEBHOOK_SECRET_HEADER } from './contract/webhooks.js';
import type { AppEnv } from './env.js';

/** The dashboard's session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over https. */
export const SESSION_COOKIE = 'wl_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The ctx of a /v1 request: a Bearer API key when the Authorization header is sent, else the session
 * cookie. Cookie requests that can change state must echo the session's CSRF token in X-CSRF-Token;
 * Bearer requests need none (a browser never attaches a key by itself).
 */
export async function authenticateRequest(
  c: Context<AppEnv>,
  { store, now, readers }: { store: Store; now: () => number; readers?: ReadRunner | null },
): Promise<Ctx> {
  const base = { store, requestId: c.get('requestId'), now, ...(readers ? { readers } : {}) };
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new WorkledgerError('UNAUTHENTICATED', 'send Authorization: Bearer <API key>');
    const key = await authenticateApiKey(store, match[1], now());
    return { ...base, tenantId: key.tenantId, actor: { kind: 'api_key', keyId: key.keyId, role: key.role } };
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token)
    throw new WorkledgerError(
      'UNAUTHENTICATED',
      'send Authorization: Bearer <API key>, or sign in (POST /v1/session)',
    );
  const session = await authenticateSession(store, token, now());
  if (!SAFE_METHODS.has(c.req.method) && !isCsrfTokenValid(session, c.req.header(CSRF_HEADER)))
    throw new WorkledgerError(
      'FORBIDDEN',
      'send the X-CSRF-Token header with the csrf_token of the session (GET /v1/session)',
    );
  return {
    ...base,
    tenantId: session.tenantId,
    actor: { kind: 'user', userId: session.userId, role: session.role },
  };
}

/**
 * The ctx of a webhook request (`query` its query lists): the tenant of the `tenant` parameter, when the
 * request carries that tenant's shared secret for `source` as the `secret` parameter or the
 * X-Workledger-Webhook-Secret header. It acts as the system job `webhook:<source>`.
 */
export async function authenticateWebhookRequest(
  c: Context<AppEnv>,
  query: Readonly<Record<string, string[]>>,
  { store, now }: { store: Store; now: () => number },
  source: WebhookSource,
): Promise<Ctx> {
  const { tenantId } = await authenticateWebhook(store, {
    tenantId: query.tenant?.[0],
    source,
    secret: c.req.header(WEBHOOK_SECRET_HEADER) ?? query.secret?.[0],
  });
  return {
    store,
    tenantId,
    actor: { kind: 'system', job: `webhook:${source}` },
    requestId: c.get('requestId'),
    now,
  };
}
