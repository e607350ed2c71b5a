import type { AuditContext, AuditEntry } from '../audit/audit-event';
import type { Membership, MembershipStatus } from '../tenancy/membership';
import type { CustomRole } from './role';

/** An audit event to write in the same transaction as the change it records. */
export interface Audited {
  context: AuditContext;
  entry: AuditEntry;
}

/** Custom roles of one tenant. */
export interface RoleRepository {
  list(): Promise<CustomRole[]>;
  get(roleId: string): Promise<CustomRole | null>;
  /** Throws RoleNameTakenError. */
  create(role: CustomRole, audit: Audited): Promise<void>;
  /** Replaces the role if it is still at `expectedVersion`; claims the new name on a rename. */
  update(role: CustomRole, previous: CustomRole, audit: Audited): Promise<void>;
  /** Deletes the role if no one has it. Throws RoleInUseError or NotFoundError. */
  delete(role: CustomRole, audit: Audited): Promise<void>;
}

/** An invitation: the token's hash, never the token. */
export interface Invite {
  tenantId: string;
  tokenHash: string;
  userId: string;
  email: string;
  createdAt: string;
  /** ISO time after which the invitation no longer works. */
  validUntil: string;
  /** The member who sent it (absent on invitations sent before it was recorded: the membership's then). */
  invitedBy?: string;
  acceptedAt?: string;
}

/**
 * How a membership changes, so the repository can keep the counters that make the rules atomic:
 * the tenant's count of active owners (never below one) and each custom role's member count
 * (a role in use cannot be deleted).
 */
export interface MembershipChange {
  before: Pick<Membership, 'role' | 'status'> | null;
  after: Pick<Membership, 'role' | 'status'> | null;
}

/** Users (memberships) and invitations of one tenant. */
export interface MembershipRepository {
  get(userId: string): Promise<Membership | null>;
  list(): Promise<Membership[]>;
  /** Writes an invited membership and its invitation. */
  invite(membership: Membership, invite: Invite, audit: Audited): Promise<void>;
  getInvite(tokenHash: string): Promise<Invite | null>;
  /** Activates the invited membership with its identity and marks the invitation used, once. */
  acceptInvite(membership: Membership, invite: Invite, audit: Audited): Promise<void>;
  /** Replaces a membership still at its version. Throws LastOwnerError, VersionConflictError, InvalidInputError (role gone). */
  update(next: Membership, previous: Membership, audit: Audited): Promise<void>;
  /** Throws LastOwnerError. */
  delete(previous: Membership, audit: Audited): Promise<void>;
}

export type { MembershipStatus };
