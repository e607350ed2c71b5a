import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createApiClient, createSession, type Session } from '../api';
import { createQueryClient, Providers } from '../app';

/**
 * Renders a screen as the console would, with a real session and API client whose requests go to
 * `fetch` (a test answers them as the API does), at `path` in an in-memory router.
 */
export function renderScreen(element: ReactElement, options: { path?: string; routePath?: string; fetch: (request: Request) => Promise<Response>; session?: Session }) {
  const session = options.session ?? createSession({ storage: memoryStorage(), refresh: async () => null });
  const client = createApiClient({ session, baseUrl: 'http://console.test', fetch: options.fetch as typeof fetch });
  const router = createMemoryRouter([{ path: options.routePath ?? '*', element }], { initialEntries: [options.path ?? '/'] });
  const view = render(
    <Providers client={client} session={session} queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, session, router };
}

/** A JSON answer, as the API gives it. */
export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A sessionStorage stand-in. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A session signed in with a token the test's API accepts (screens read /v1/me only with one). */
export function signedIn(accessToken = 'admin-token'): Session {
  const session = createSession({ storage: memoryStorage(), refresh: async () => null });
  session.signIn({ accessToken, refreshToken: 'r', expiresIn: 3600 });
  return session;
}
