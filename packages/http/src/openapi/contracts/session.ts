import { changePasswordInputSchema, logoutInputSchema, loginInputSchema, refreshInputSchema, signupInputSchema } from '@rapport/domain';
import * as z from 'zod';
import { okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { sessionRoutes } from '../../routes/session';

const tokensSchema = z
  .object({
    accessToken: z.string(),
    idToken: z.string(),
    refreshToken: z.string().optional().describe('Absent on a refresh: keep the one you have'),
    expiresIn: z.int().describe('Seconds until the access token expires'),
  })
  .meta({ id: 'Tokens' });

/** Signup, login, refresh and the caller: the routes a session starts from. */
export const sessionContracts = {
  signup: {
    tag: 'auth',
    request: { body: signupInputSchema },
    responses: { 201: { description: 'The workspace and its owner', body: z.object({ tenantId: z.string(), userId: z.string() }) } },
    errors: { 409: 'The email already has an account' },
  },
  login: {
    tag: 'auth',
    request: { body: loginInputSchema },
    responses: okWith(tokensSchema, 'Tokens for the API'),
    errors: {
      401: 'Wrong email or password, or the user is disabled or not yet active',
      429: 'Too many failed log-ins to this email address in a row (after 3, each wait doubles from 1 s; after 10, 15 minutes): try again after `Retry-After` seconds. Said the same way whether or not an account has the address',
    },
  },
  refresh: {
    tag: 'auth',
    request: { body: refreshInputSchema },
    responses: okWith(tokensSchema, 'New access and id tokens'),
    errors: { 401: 'The refresh token is not valid (expired, revoked or not ours)' },
  },
  getMe: {
    tag: 'me',
    request: {},
    responses: okWith(
      z.object({
        user: z.object({ id: z.string(), email: z.string(), name: z.string(), status: z.enum(['invited', 'active', 'disabled']) }),
        tenant: z.object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime() }),
        role: z.string(),
        permissions: z.array(z.string()),
      }),
      'The caller, their workspace, role and permissions',
    ),
  },
  logout: {
    tag: 'auth',
    request: { body: logoutInputSchema },
    responses: { 204: { description: "Signed out: the caller's refresh tokens are revoked and their access tokens refused" } },
  },
  changePassword: {
    tag: 'me',
    request: { body: changePasswordInputSchema },
    responses: { 204: { description: 'The password is changed; sessions already open stay open' } },
    errors: { 400: 'The current password is wrong (field currentPassword), or the new one breaks the password rules' },
  },
} satisfies Record<keyof typeof sessionRoutes, RouteContract>;

/** The session routes with their contracts, as the handlers are built from them. */
export const sessionEndpoints = /* @__PURE__ */ endpointsOf(sessionRoutes, sessionContracts);
