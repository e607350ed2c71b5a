import { inviteUserSchema } from '@rapport/domain';
import { created, createHttpHandler, etagOf } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createInviteUserHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'inviteUser', { body: inviteUserSchema }, async ({ body, actor }) => {
    const user = await rt.usersFor(actor).invite(body);
    return created(user, { etag: etagOf(user.version), location: `/v1/users/${user.id}` });
  });

export const handler = createInviteUserHandler(runtime());
