import { createContext, useContext } from 'react';
import type { DashboardApi } from '../api/client.js';
import type { Permission, Session } from '../api/answers.js';
import type { FormatContext } from '../format/kpi-format.js';

/** What every signed-in page can rely on: who is signed in, the API client, and number formatting. */
export interface SignedIn {
  session: Session;
  api: DashboardApi;
  format: FormatContext;
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
}

export const SignedInContext = createContext<SignedIn | null>(null);
export const ApiContext = createContext<DashboardApi | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn outside a signed-in page');
  return value;
}

export function useApi(): DashboardApi {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside the ApiContext provider');
  return value;
}
