import { rolePatchSchema } from '@rapport/domain';
import { createHttpHandler, etagOf, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { roleIdParams } from './access-http';

export const createUpdateRoleHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateRole', { params: roleIdParams, body: rolePatchSchema }, async ({ params, body, headers, actor }) => {
    const role = await rt.rolesFor(actor).update(params.id, body, expectedVersion(headers['if-match'], body.version));
    return ok(role, { etag: etagOf(role.version) });
  });

export const handler = createUpdateRoleHandler(runtime());
