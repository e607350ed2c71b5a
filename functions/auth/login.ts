import { loginInputSchema } from '@rapport/domain';
import { createHttpHandler, ok, sessionEndpoints } from '@rapport/http';
import { authRuntime, type AuthRuntime } from '../shared/runtime/auth';

export const createLoginHandler = (rt: AuthRuntime) =>
  createHttpHandler(rt, sessionEndpoints.login, { body: loginInputSchema }, async ({ body, request }) => ok(await rt.session.logIn(body, request)));

export const handler = createLoginHandler(authRuntime());
