import { userPatchSchema } from '@rapport/domain';
import { createHttpHandler, etagOf, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { userIdParams } from './access-http';

export const createUpdateUserHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateUser', { params: userIdParams, body: userPatchSchema }, async ({ params, body, headers, actor }) => {
    const user = await rt.usersFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(user, { etag: etagOf(user.version) });
  });

export const handler = createUpdateUserHandler(runtime());
