import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { userIdParams } from './access-http';

export const createDeleteUserHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteUser', { params: userIdParams }, async ({ params, headers, actor }) => {
    await rt.usersFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteUserHandler(runtime());
