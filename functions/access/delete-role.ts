import { accessEndpoints, createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { roleIdParams } from './access-http';

export const createDeleteRoleHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.deleteRole, { params: roleIdParams }, async ({ params, headers, actor }) => {
    await rt.rolesFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteRoleHandler(accessRuntime());
