import { PERMISSIONS } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

export const createListPermissionsHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listPermissions', {}, async () =>
    ok({ items: Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })) }),
  );

export const handler = createListPermissionsHandler(runtime());
