import { PUBLIC, MEMBER, type RouteDefinition } from './route-definition';

/** The session routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/session.ts`. */
export const sessionRoutes = {
  signup: {
    method: 'POST',
    path: '/v1/signup',
    handler: 'auth/signup',
    authorization: PUBLIC,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Create a workspace (tenant) and its owner',
  },
  login: {
    method: 'POST',
    path: '/v1/auth/login',
    handler: 'auth/login',
    // Looks the user up to audit failed logins in their workspace, and counts failed log-ins in a row per address.
    authorization: PUBLIC,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Exchange email and password for tokens',
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    handler: 'auth/refresh',
    authorization: PUBLIC,
    access: {},
    summary: 'Exchange a refresh token for new access and id tokens',
  },
  logout: {
    method: 'POST',
    path: '/v1/auth/logout',
    handler: 'auth/logout',
    authorization: MEMBER,
    access: { table: 'readWrite', userPoolAdmin: true },
    summary: 'Sign out everywhere: no session of the caller can be used or renewed any more',
  },
  getMe: {
    method: 'GET',
    path: '/v1/me',
    handler: 'me/get-me',
    authorization: MEMBER,
    access: { table: 'read' },
    summary: 'The caller, their workspace, role and permissions',
  },
  changePassword: {
    method: 'POST',
    path: '/v1/me/password',
    handler: 'me/change-password',
    authorization: MEMBER,
    access: { table: 'readWrite' },
    summary: "Change one's own password, proven by the current one",
  },
} as const satisfies Record<string, RouteDefinition>;
