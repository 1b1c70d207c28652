import { apiClient, type ApiClient } from '../../../src/http/client.js';

export { answerOf, ApiError, isApiError } from '../../../src/http/client.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API as the dashboard calls it: the typed client, and the session's CSRF token it sends. */
export interface DashboardApi {
  readonly client: ApiClient;
  setCsrfToken(token: string | null): void;
}

/**
 * The dashboard's client of the API: the one typed client over same-origin requests with the session
 * cookie, and the session's CSRF token on every request that can change state.
 */
export function dashboardApi(origin: string = window.location.origin): DashboardApi {
  let csrfToken: string | null = null;
  const sessionFetch: typeof fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json');
    if (UNSAFE.has((init.method ?? 'GET').toUpperCase()) && csrfToken) headers.set('x-csrf-token', csrfToken);
    return fetch(input, { ...init, headers, credentials: 'same-origin' });
  };
  return {
    client: apiClient(origin, { fetch: sessionFetch }),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
