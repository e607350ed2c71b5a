import { auditContextOf } from '../audit/audit-context';
import type { AuditLog } from '../audit/audit-log';
import { ConfirmationMismatchError, NotFoundError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import type { IdentityProvider, TenantRepository } from './ports';
import type { MembershipRepository } from '../access/ports';

/** A tenant's data keys, as the crypto package keeps them. */
export interface TenantKeys {
  rotate(tenantId: string): Promise<{ activeVersion: number; rewrapped: number }>;
  /** Deletes every key of the tenant; returns how many. */
  shred(tenantId: string): Promise<number>;
}

/** Deletes every item of a tenant except its audit trail (which holds no personal data). */
export interface TenantEraser {
  erase(tenantId: string): Promise<{ itemsDeleted: number }>;
}

export interface TenantAdminDeps {
  tenants: TenantRepository;
  memberships: MembershipRepository;
  keys: TenantKeys;
  eraser: TenantEraser;
  identity: IdentityProvider;
  auditLog: AuditLog;
  clock: Clock;
  /** How far back any restorable copy of the table reaches (point-in-time recovery, and the daily backups kept as long). */
  backupRetentionDays: number;
}

/** Proof of what offboarding destroyed, and from when nothing can be read back. */
export interface OffboardingReceipt {
  tenantId: string;
  offboardedAt: string;
  keysDestroyed: number;
  usersRemoved: number;
  itemsDeleted: number;
  /**
   * After this instant no copy of the tenant's data, backups included, can be decrypted: the only
   * copies of its wrapped data keys are in point-in-time backups, which expire by then.
   */
  unrecoverableAfter: string;
  statement: string;
}

/** Workspace-level operations of one caller: key rotation (`settings:manage`) and closing it (`tenant:delete`). */
export function createTenantAdminService(deps: TenantAdminDeps, actor: Actor) {
  const tenantId = actor.auth.tenantId;

  return {
    async rotateKeys() {
      const result = await deps.keys.rotate(tenantId);
      await deps.auditLog.record(tenantId, {
        context: auditContextOf(actor),
        entry: { action: 'tenant.keys_rotated', target: { type: 'tenant', id: tenantId }, outcome: 'success', details: { ...result } },
      });
      return result;
    },

    /**
     * Crypto-shredding first: once the data keys are gone every personal field is unreadable,
     * wherever a copy of it lives; then the items themselves are deleted.
     */
    async offboard(confirmation: string): Promise<OffboardingReceipt> {
      const tenant = await deps.tenants.getTenant(tenantId);
      if (!tenant) throw new NotFoundError('tenant', tenantId);
      if (confirmation !== tenant.name) throw new ConfirmationMismatchError('workspace name');
      const offboardedAt = deps.clock.now();
      await deps.auditLog.record(tenantId, {
        context: auditContextOf(actor),
        entry: { action: 'tenant.offboarded', target: { type: 'tenant', id: tenantId }, outcome: 'success' },
      });
      const keysDestroyed = await deps.keys.shred(tenantId);
      const members = await deps.memberships.list();
      for (const member of members) await deps.identity.deleteUser(member.email);
      const { itemsDeleted } = await deps.eraser.erase(tenantId);
      const unrecoverableAfter = new Date(offboardedAt.getTime() + deps.backupRetentionDays * 86_400_000).toISOString();
      return {
        tenantId,
        offboardedAt: offboardedAt.toISOString(),
        keysDestroyed,
        usersRemoved: members.length,
        itemsDeleted,
        unrecoverableAfter,
        statement:
          `The workspace's data keys were destroyed at ${offboardedAt.toISOString()}, then its records were deleted. ` +
          `The table's point-in-time recovery and its daily backups each keep ${deps.backupRetentionDays} days and are the only other copies of the wrapped keys; ` +
          `after ${unrecoverableAfter} no copy of the workspace's personal data, backups included, can be decrypted. ` +
          'The audit trail is kept: it records actions, never personal values.',
      };
    },
  };
}

export type TenantAdminService = ReturnType<typeof createTenantAdminService>;
