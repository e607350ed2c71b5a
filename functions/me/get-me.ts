import { createHttpHandler, ok, sessionEndpoints } from '@rapport/http';
import { commonRuntime, type CommonRuntime } from '../shared/runtime/common';

export const createGetMeHandler = (rt: CommonRuntime) =>
  createHttpHandler(rt, sessionEndpoints.getMe, {}, async ({ auth }) => ok(await rt.session.describe(auth)));

export const handler = createGetMeHandler(commonRuntime());
