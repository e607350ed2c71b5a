import type { Versioned } from '../shared/versioned';

export type MembershipStatus = 'active' | 'disabled';

/** A workspace: the unit of tenancy. Everything stored belongs to exactly one. */
export interface Tenant extends Versioned {
  id: string;
  name: string;
  /** The user who signed the workspace up. */
  ownerUserId: string;
}

/** A user's place in a tenant: their role and whether they may use it. */
export interface Membership extends Versioned {
  tenantId: string;
  userId: string;
  /** Identity provider subject; the key by which a verified token finds this record. */
  sub: string;
  email: string;
  name: string;
  role: string;
  status: MembershipStatus;
}

/** The role given to whoever signs a workspace up. */
export const OWNER_ROLE = 'owner';
