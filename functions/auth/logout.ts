import { logoutInputSchema } from '@rapport/domain';
import { createHttpHandler, noContent, sessionEndpoints } from '@rapport/http';
import { commonRuntime, type CommonRuntime } from '../shared/runtime/common';

export const createLogoutHandler = (rt: CommonRuntime) =>
  createHttpHandler(rt, sessionEndpoints.logout, { body: logoutInputSchema }, async ({ actor, body }) => {
    await rt.session.logOut(actor, body);
    // This container's next request of the caller must see the sign-out, not a cached membership.
    rt.callers.forget(actor.auth.sub);
    return noContent();
  });

export const handler = createLogoutHandler(commonRuntime());
