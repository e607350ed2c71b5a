import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetMeHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getMe', {}, async ({ auth }) => ok(await rt.session.describe(auth)));

export const handler = createGetMeHandler(runtime());
