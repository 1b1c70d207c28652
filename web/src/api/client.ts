/** An error answer of the API: `{ error: { code, message, field? } }` with its HTTP status. */
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

/** The server's answers are typed by the routes that send them; this is the one place that trusts it. */
function trustServerAnswer<T>(body: unknown): T {
  return body as T;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The dashboard's HTTP client: same-origin requests with the session cookie, and the session's CSRF
 * token on every request that can change state.
 */
export class ApiClient {
  private csrfToken: string | null = null;

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) throw errorOf(response.status, parsed);
    return trustServerAnswer<T>(parsed);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}
