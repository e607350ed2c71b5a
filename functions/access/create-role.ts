import { roleCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, etagOf } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createCreateRoleHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createRole', { body: roleCreateSchema }, async ({ body, actor }) => {
    const role = await rt.rolesFor(actor).create(body);
    return created(role, { etag: etagOf(role.version), location: `/v1/roles/${role.id}` });
  });

export const handler = createCreateRoleHandler(runtime());
