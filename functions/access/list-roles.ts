import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListRolesHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listRoles', {}, async ({ actor }) => ok({ items: await rt.rolesFor(actor).list() }));

export const handler = createListRolesHandler(runtime());
