import { loginInputSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createLoginHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'login', { body: loginInputSchema }, async ({ body, request }) => ok(await rt.session.logIn(body, request)));

export const handler = createLoginHandler(runtime());
