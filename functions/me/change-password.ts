import { changePasswordInputSchema } from '@rapport/domain';
import { bearerTokenOf, createHttpHandler, noContent, UnauthenticatedError, sessionEndpoints } from '@rapport/http';
import { commonRuntime, type CommonRuntime } from '../shared/runtime/common';

export const createChangePasswordHandler = (rt: CommonRuntime) =>
  createHttpHandler(rt, sessionEndpoints.changePassword, { body: changePasswordInputSchema }, async ({ actor, body, headers }) => {
    // Cognito changes the password of whoever the access token was issued to: the verified caller's own.
    const accessToken = bearerTokenOf(headers);
    if (!accessToken) throw new UnauthenticatedError();
    await rt.session.changePassword(actor, accessToken, body);
    return noContent();
  });

export const handler = createChangePasswordHandler(commonRuntime());
