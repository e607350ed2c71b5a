import { accessEndpoints, createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { userIdParams } from './access-http';

export const createDeleteUserHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.deleteUser, { params: userIdParams }, async ({ params, headers, actor }) => {
    await rt.usersFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteUserHandler(accessRuntime());
