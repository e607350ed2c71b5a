import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListUsersHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listUsers', {}, async ({ actor }) => ok({ items: await rt.usersFor(actor).list() }));

export const handler = createListUsersHandler(runtime());
