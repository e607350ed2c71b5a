import { acceptInviteSchema } from '@rapport/domain';
import { accessEndpoints, createHttpHandler, ok } from '@rapport/http';
import { authRuntime, type AuthRuntime } from '../shared/runtime/auth';

export const createAcceptInviteHandler = (rt: AuthRuntime) =>
  createHttpHandler(rt, accessEndpoints.acceptInvite, { body: acceptInviteSchema }, async ({ body, request }) =>
    ok(await rt.inviteAcceptance.accept(body, request)),
  );

export const handler = createAcceptInviteHandler(authRuntime());
