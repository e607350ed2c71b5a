import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createRotateKeysHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'rotateKeys', {}, async ({ actor }) => ok(await rt.tenantAdminFor(actor).rotateKeys()));

export const handler = createRotateKeysHandler(runtime());
