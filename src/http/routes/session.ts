import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { WorkledgerError } from '../../domain/errors.js';
import type { Store } from '../../services/runtime.js';
import { describeSession, SESSION_TTL_MS, signIn, signOut } from '../../services/access/sessions.js';
import { SESSION_COOKIE } from '../authenticate.js';
import type { AppEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { declared } from '../contract/declare.js';
import { describeSessionRoute, signInRoute, signOutRoute } from '../contract/session.js';

/** Secure when the client reached us over https (directly, or through a proxy that says so). */
function isHttps(c: Context<AppEnv>): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/**
 * Login CSRF: a page elsewhere must not sign a browser into an account of its choosing. Forms cannot send
 * application/json without a CORS preflight (which this API never grants), and a browser's Origin names
 * the page that sent the request.
 */
function refuseCrossSiteSignIn(c: Context<AppEnv>): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new WorkledgerError('UNSUPPORTED_MEDIA_TYPE', 'sign in with Content-Type: application/json');
  const origin = c.req.header('origin');
  if (origin !== undefined && originHost(origin) !== new URL(c.req.url).host)
    throw new WorkledgerError('FORBIDDEN', 'sign-in from another site is refused');
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed pages) and anything unreadable
  }
}

function sessionToken(c: Context<AppEnv>): string {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new WorkledgerError('UNAUTHENTICATED', 'no session: sign in with POST /v1/session');
  return token;
}

/** Sign-in (public: the auth middleware lets POST /v1/session through), who-am-I, and sign-out. */
export function sessionRoutes({ store, now }: { store: Store; now: () => number }) {
  const app = new OpenAPIHono<AppEnv>();
  return app
    .openapi(declared(app, signInRoute), async (c) => {
      refuseCrossSiteSignIn(c);
      const { token, ...session } = await signIn({
        store,
        now,
        requestId: c.get('requestId'),
        input: await readJson(c),
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: isHttps(c),
        path: '/',
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      c.header('cache-control', 'no-store');
      return c.json(session, 200);
    })
    .openapi(declared(app, describeSessionRoute), async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await describeSession({ ctx: c.get('ctx'), input: { token: sessionToken(c) } }), 200);
    })
    .openapi(declared(app, signOutRoute), async (c) => {
      await signOut({ ctx: c.get('ctx'), input: { token: sessionToken(c) } });
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c), httpOnly: true, sameSite: 'Strict' });
      return c.body(null, 204);
    });
}
