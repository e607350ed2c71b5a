import { accessEndpoints, createHttpHandler, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';

export const createListRolesHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.listRoles, {}, async ({ actor }) => ok({ items: await rt.rolesFor(actor).list() }));

export const handler = createListRolesHandler(accessRuntime());
