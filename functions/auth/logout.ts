import { logoutInputSchema } from '@rapport/domain';
import { createHttpHandler, noContent, sessionEndpoints } from '@rapport/http';
import { authRuntime, type AuthRuntime } from '../shared/runtime/auth';

export const createLogoutHandler = (rt: AuthRuntime) =>
  createHttpHandler(rt, sessionEndpoints.logout, { body: logoutInputSchema }, async ({ actor, body }) => {
    await rt.session.logOut(actor, body);
    // This container's next request of the caller must see the sign-out, not a cached membership.
    rt.callers.forget(actor.auth.sub);
    return noContent();
  });

export const handler = createLogoutHandler(authRuntime());
