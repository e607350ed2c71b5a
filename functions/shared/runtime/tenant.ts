import { BACKUP_RETENTION_DAYS, DynamoTenantEraser } from '@rapport/data';
import { createTenantAdminService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** The workspace itself: rotating its keys and offboarding it. */
export interface TenantRuntime extends CommonRuntime {
  tenantAdminFor(actor: Actor): ReturnType<typeof createTenantAdminService>;
}

export function createTenantRuntime(environment: NodeJS.ProcessEnv): TenantRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock, tenants, identity, auditLog } = common;
  const keyring = createKeyring(common);
  return {
    ...common,
    tenantAdminFor: (actor) =>
      createTenantAdminService(
        {
          tenants,
          memberships: common.membershipsOf(actor.auth.tenantId),
          keys: keyring,
          eraser: new DynamoTenantEraser(table),
          identity,
          auditLog,
          clock,
          backupRetentionDays: BACKUP_RETENTION_DAYS,
        },
        actor,
      ),
  };
}

export const tenantRuntime = oncePerContainer(createTenantRuntime);
