import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { dashboardApi, isApiError } from './api/client.js';
import { App, SESSION_KEY } from './app/app.js';
import './styles.css';

const api = dashboardApi();
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A 401 anywhere means the session ended: show the sign-in page.
    onError: (error, query) => {
      if (isApiError(error, 401) && query.queryKey[0] !== SESSION_KEY[0])
        queryClient.setQueryData(SESSION_KEY, null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(isApiError(error) && error.status < 500) && failures < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App api={api} />
    </QueryClientProvider>
  </StrictMode>,
);
