import { changePasswordInputSchema } from '@rapport/domain';
import { bearerTokenOf, createHttpHandler, noContent, UnauthenticatedError } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createChangePasswordHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'changePassword', { body: changePasswordInputSchema }, async ({ actor, body, headers }) => {
    // Cognito changes the password of whoever the access token was issued to: the verified caller's own.
    const accessToken = bearerTokenOf(headers);
    if (!accessToken) throw new UnauthenticatedError();
    await rt.session.changePassword(actor, accessToken, body);
    return noContent();
  });

export const handler = createChangePasswordHandler(runtime());
