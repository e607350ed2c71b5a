import { signupInputSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createSignupHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'signup', { body: signupInputSchema }, async ({ body }) => created(await rt.signup.signUp(body)));

export const handler = createSignupHandler(runtime());
