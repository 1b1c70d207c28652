import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { answerOf, isApiError, type DashboardApi } from '../api/client.js';
import type { Session } from '../api/answers.js';
import { Loading } from '../components/states.js';
import SignInPage from '../pages/sign-in-page.js';
import { navigate } from './router.js';
import { ApiContext, SignedInContext, type SignedIn } from './session-context.js';
import { Shell } from './shell.js';

export const SESSION_KEY = ['session'];

/** Signed in: the shell; signed out: the sign-in page (which returns to the address asked for). */
export function App({ api }: { api: DashboardApi }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        const answer = await answerOf(api.client.v1.session.$get());
        api.setCsrfToken(answer.csrf_token);
        return answer;
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

  const signedIn = useMemo<SignedIn | null>(() => {
    const current = session.data;
    if (!current) return null;
    const locale = navigator.language || 'en-US';
    return {
      session: current,
      api,
      format: { locale, currency: current.tenant.currency },
      can: (permission) => current.permissions.includes(permission),
      signOut: async () => {
        await answerOf(api.client.v1.session.$delete()).catch(() => undefined);
        api.setCsrfToken(null);
        // The session query keeps its observer (clear() would orphan it); everything else is dropped.
        queryClient.setQueryData(SESSION_KEY, null);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
        navigate('/');
      },
    };
  }, [session.data, api, queryClient]);

  let body;
  if (session.isPending) body = <Loading label="Opening Workledger…" />;
  else if (signedIn)
    body = (
      <SignedInContext.Provider value={signedIn}>
        <Shell />
      </SignedInContext.Provider>
    );
  else
    body = (
      <SignInPage
        onSignedIn={(answer) => {
          api.setCsrfToken(answer.csrf_token);
          queryClient.setQueryData(SESSION_KEY, answer);
        }}
      />
    );
  return <ApiContext.Provider value={api}>{body}</ApiContext.Provider>;
}
