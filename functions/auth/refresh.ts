import { refreshInputSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createRefreshHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'refresh', { body: refreshInputSchema }, async ({ body }) => ok(await rt.session.refresh(body)));

export const handler = createRefreshHandler(runtime());
