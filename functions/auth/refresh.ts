import { refreshInputSchema } from '@rapport/domain';
import { createHttpHandler, ok, sessionEndpoints } from '@rapport/http';
import { authRuntime, type AuthRuntime } from '../shared/runtime/auth';

export const createRefreshHandler = (rt: AuthRuntime) =>
  createHttpHandler(rt, sessionEndpoints.refresh, { body: refreshInputSchema }, async ({ body }) => ok(await rt.session.refresh(body)));

export const handler = createRefreshHandler(authRuntime());
