import { accessEndpoints, createHttpHandler, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';
import { roleIdParams } from './access-http';

export const createGetRoleHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.getRole, { params: roleIdParams }, async ({ params, actor }) => ok(await rt.rolesFor(actor).get(params.id)));

export const handler = createGetRoleHandler(accessRuntime());
