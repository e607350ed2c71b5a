import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { roleIdParams } from './access-http';

export const createGetRoleHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getRole', { params: roleIdParams }, async ({ params, actor }) => ok(await rt.rolesFor(actor).get(params.id)));

export const handler = createGetRoleHandler(runtime());
