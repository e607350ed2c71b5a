import { roleCreateSchema } from '@rapport/domain';
import { accessEndpoints, created, createHttpHandler, etagOf } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateRoleHandler = (rt: AccessRuntime) =>
  createHttpHandler(idempotentRuntime(rt), accessEndpoints.createRole, { body: roleCreateSchema }, async ({ body, actor }) => {
    const role = await rt.rolesFor(actor).create(body);
    return created(role, { etag: etagOf(role.version), location: `/v1/roles/${role.id}` });
  });

export const handler = createCreateRoleHandler(accessRuntime());
