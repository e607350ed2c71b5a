import { acceptInviteSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createAcceptInviteHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'acceptInvite', { body: acceptInviteSchema }, async ({ body, request }) =>
    ok(await rt.inviteAcceptance.accept(body, request)),
  );

export const handler = createAcceptInviteHandler(runtime());
