import { PERMISSIONS } from '@rapport/domain';
import { accessEndpoints, createHttpHandler, ok } from '@rapport/http';
import { accessRuntime, type AccessRuntime } from '../shared/runtime/access';

export const createListPermissionsHandler = (rt: AccessRuntime) =>
  createHttpHandler(rt, accessEndpoints.listPermissions, {}, async () =>
    ok({ items: Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })) }),
  );

export const handler = createListPermissionsHandler(accessRuntime());
