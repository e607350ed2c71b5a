import { accessEndpoints, createHttpHandler, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';

export const createListUsersHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.listUsers, {}, async ({ actor }) => ok({ items: await rt.usersFor(actor).list() }));

export const handler = createListUsersHandler(accessRuntime());
