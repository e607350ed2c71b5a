import { rolePatchSchema } from '@rapport/domain';
import { accessEndpoints, createHttpHandler, etagOf, expectedVersion, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { roleIdParams } from './access-http';

export const createUpdateRoleHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.updateRole, { params: roleIdParams, body: rolePatchSchema }, async ({ params, body, headers, actor }) => {
    const role = await rt.rolesFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(role, { etag: etagOf(role.version) });
  });

export const handler = createUpdateRoleHandler(accessRuntime());
