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
    // Looks the user up to audit failed logins in their workspace.
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
  getMe: {
    method: 'GET',
    path: '/v1/me',
    handler: 'me/get-me',
    authorization: MEMBER,
    access: { table: 'read' },
    summary: 'The caller, their workspace, role and permissions',
  },
} as const satisfies Record<string, RouteDefinition>;
