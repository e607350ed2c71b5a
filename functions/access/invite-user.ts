import { inviteUserSchema } from '@rapport/domain';
import { accessEndpoints, created, createHttpHandler, etagOf } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { idempotentRuntime } from '../shared/idempotency';

export const createInviteUserHandler = (rt: AccessRuntime) =>
  createHttpHandler(idempotentRuntime(rt), accessEndpoints.inviteUser, { body: inviteUserSchema }, async ({ body, actor }) => {
    const user = await rt.usersFor(actor).invite(body);
    return created(user, { etag: etagOf(user.version), location: `/v1/users/${user.id}` });
  });

export const handler = createInviteUserHandler(accessRuntime());
