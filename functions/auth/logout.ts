import { logoutInputSchema } from '@rapport/domain';
import { createHttpHandler, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createLogoutHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'logout', { body: logoutInputSchema }, async ({ actor, body }) => {
    await rt.session.logOut(actor, body);
    // This container's next request of the caller must see the sign-out, not a cached membership.
    rt.callers.forget(actor.auth.sub);
    return noContent();
  });

export const handler = createLogoutHandler(runtime());
