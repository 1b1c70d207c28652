import type { ReactNode } from 'react';
import { isApiError } from '../api/client.js';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state state-empty" data-testid="empty">
      {children}
    </p>
  );
}

export function ErrorView({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="state state-error" role="alert" data-testid="error">
      {isApiError(error, 403) ? 'Not allowed: ' : 'Could not load: '}
      {message}
    </p>
  );
}

export function NotAllowed({ what }: { what: string }) {
  return (
    <section className="not-allowed" data-testid="not-allowed" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>Your role may not open {what}. Ask an administrator for the operator role if you need it.</p>
    </section>
  );
}

/** Loading, error or the content of a query, in one place so every view handles all three. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.error) return <ErrorView error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading label={loadingLabel} />;
  return <>{children(query.data)}</>;
}
