import { randomUUID } from 'node:crypto';
import { checkResponse } from './contract-check';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A thin JSON client for the API under test. Every answer is checked against the OpenAPI document
 * (an undocumented status or a body that does not fit its schema fails the test), unless the
 * request passes `unchecked` because it is about the contract check itself.
 */
export function apiClient(baseUrl: string) {
  async function request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; unchecked?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const json = contentType?.startsWith('application/json') ?? false;
    const parsed = text ? (json ? JSON.parse(text) : text) : undefined;
    if (!options.unchecked) checkResponse(method, response.url, response.status, response.headers, parsed);
    return { status: response.status, headers: response.headers, body: parsed };
  }

  /** Signs a new workspace up and logs its owner in. */
  async function newTenant(overrides: Partial<SignupBody> = {}) {
    const signup = aSignup(overrides);
    const created = await request('POST', '/v1/signup', { body: signup });
    if (created.status !== 201) throw new Error(`signup failed: ${created.status} ${JSON.stringify(created.body)}`);
    const login = await request('POST', '/v1/auth/login', { body: { email: signup.email, password: signup.password } });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return { ...signup, ...(created.body as { tenantId: string; userId: string }), tokens: login.body as Tokens, token: login.body.accessToken as string };
  }

  return { request, newTenant };
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface SignupBody {
  companyName: string;
  name: string;
  email: string;
  password: string;
}

/** A valid signup with a unique email. */
export function aSignup(overrides: Partial<SignupBody> = {}): SignupBody {
  return {
    companyName: 'Northwind Traders',
    name: 'Nancy Davolio',
    email: `owner-${randomUUID()}@example.com`,
    password: 'Sturdy-Passw0rd',
    ...overrides,
  };
}

/** Invites a user with a role, accepts the invitation from the mail folder, and logs them in. */
export async function joinAs(
  api: ReturnType<typeof apiClient>,
  ownerToken: string,
  mailDir: string,
  roleId: string,
  inviteTokenFor: (mailDir: string, to: string) => string,
) {
  const email = `member-${randomUUID()}@example.com`;
  const password = 'Member-Passw0rd';
  const invited = await api.request('POST', '/v1/users', { token: ownerToken, body: { email, name: 'Team Member', roleId } });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await api.request('POST', '/v1/auth/accept-invite', { body: { token: inviteTokenFor(mailDir, email), password } });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const login = await api.request('POST', '/v1/auth/login', { body: { email, password } });
  return { email, password, userId: invited.body.id as string, token: login.body.accessToken as string };
}
