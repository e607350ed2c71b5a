import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen';
import type { Session, SessionTokens } from './session';

export type ApiClient = Client<paths>;

/** Routes whose 401 means "wrong credentials", not "your session ended". */
const CREDENTIAL_ROUTES = ['/v1/auth/login', '/v1/auth/refresh', '/v1/auth/accept-invite', '/v1/signup'];

/**
 * The typed API client (openapi-fetch over the generated types), carrying the session's access
 * token. A 401 on any other route means the access token is no longer good: the session refreshes
 * once and the request is sent again; when the refresh is refused too, the session ends as
 * `expired` and the shell sends the person to log in (and back afterwards).
 */
export function createApiClient(options: { session: Session; baseUrl?: string; fetch?: typeof fetch }): ApiClient {
  const send = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', fetch: send });
  const retries = new Map<string, Request>();
  const withToken = (request: Request) => {
    const token = options.session.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  };
  const auth: Middleware = {
    onRequest({ request, id }) {
      withToken(request);
      if (request.headers.has('authorization')) retries.set(id, request.clone());
      return request;
    },
    async onResponse({ request, response, id }) {
      const retry = retries.get(id);
      retries.delete(id);
      const path = new URL(request.url).pathname;
      if (response.status !== 401 || !retry || CREDENTIAL_ROUTES.includes(path)) return response;
      if (!(await options.session.refresh())) return response;
      return send(withToken(retry));
    },
    onError({ id }) {
      retries.delete(id);
    },
  };
  client.use(auth);
  return client;
}

/** The session's refresh call, made without the client (and its 401 handling). */
export function refreshWith(fetchImpl: typeof fetch = globalThis.fetch, baseUrl = '') {
  return async (refreshToken: string): Promise<SessionTokens | null> => {
    const response = await fetchImpl(`${baseUrl}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    return response.ok ? ((await response.json()) as SessionTokens) : null;
  };
}
