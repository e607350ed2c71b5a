import type { Versioned } from '../shared/versioned';

/** `invited` until the invitation is accepted; `disabled` users keep their record but cannot sign in. */
export type MembershipStatus = 'invited' | 'active' | 'disabled';

/** A workspace: the unit of tenancy. Everything stored belongs to exactly one. */
export interface Tenant extends Versioned {
  id: string;
  name: string;
  /** The user who signed the workspace up. */
  ownerUserId: string;
  /** Active users with the owner role; kept in the same transactions that change it, so it never drops to 0. */
  ownerCount: number;
}

/** A user's place in a tenant: their role and whether they may use it. */
export interface Membership extends Versioned {
  tenantId: string;
  userId: string;
  /** Identity provider subject; the key by which a verified token finds this record. Absent while invited. */
  sub?: string;
  email: string;
  name: string;
  /** A built-in role's key or a custom role's id. */
  role: string;
  status: MembershipStatus;
  /** Who invited this user (absent for the workspace's founder). */
  invitedBy?: string;
  /**
   * When the user last signed out everywhere (ISO): tokens of sessions authenticated until then are
   * refused, whatever their expiry.
   */
  signedOutAt?: string;
}
