import { useState, type FormEvent } from 'react';
import { answerOf, isApiError } from '../api/client.js';
import type { Session } from '../api/answers.js';
import { useApi } from '../app/session-context.js';

/** Email and password (and the organisation id when one email belongs to several tenants). */
export default function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  const [askTenant, setAskTenant] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = tenant.trim() ? { tenant: tenant.trim(), email, password } : { email, password };
      onSignedIn(await answerOf(api.client.v1.session.$post({ json: body })));
    } catch (caught) {
      if (isApiError(caught) && caught.field === 'tenant') setAskTenant(true);
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form
        className="sign-in-form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
        data-testid="sign-in-form"
      >
        <h1 id="sign-in-title">Sign in to Workledger</h1>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="sign-in-email"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="sign-in-password"
          />
        </label>
        {askTenant && (
          <label>
            Organisation id
            <input value={tenant} onChange={(e) => setTenant(e.target.value)} data-testid="sign-in-tenant" />
          </label>
        )}
        {error && (
          <p className="state state-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="sign-in-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
