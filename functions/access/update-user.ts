import { userPatchSchema } from '@rapport/domain';
import { accessEndpoints, createHttpHandler, etagOf, expectedVersion, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { userIdParams } from './access-http';

export const createUpdateUserHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.updateUser, { params: userIdParams, body: userPatchSchema }, async ({ params, body, headers, actor }) => {
    const user = await rt.usersFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(user, { etag: etagOf(user.version) });
  });

export const handler = createUpdateUserHandler(accessRuntime());
