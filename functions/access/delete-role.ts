import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { roleIdParams } from './access-http';

export const createDeleteRoleHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteRole', { params: roleIdParams }, async ({ params, headers, actor }) => {
    await rt.rolesFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteRoleHandler(runtime());
