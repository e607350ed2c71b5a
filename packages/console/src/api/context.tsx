import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from './client';
import type { Session, SessionState } from './session';

interface ApiContextValue {
  client: ApiClient;
  session: Session;
}

const ApiContext = createContext<ApiContextValue | null>(null);

/** Hands the API client and the session to every screen (built once in main.tsx, or by a test). */
export function ApiProvider({ client, session, children }: ApiContextValue & { children: ReactNode }) {
  return <ApiContext.Provider value={{ client, session }}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi needs an <ApiProvider> above it');
  return value;
}

/** The session's state, re-rendering on change. */
export function useSessionState(): SessionState {
  const { session } = useApi();
  return useSyncExternalStore(session.subscribe, session.state);
}
