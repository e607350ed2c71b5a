import type { Audited } from '../access/ports';
import type { Membership, Tenant } from './membership';

export interface SessionTokens {
  accessToken: string;
  idToken: string;
  /** Absent on a refresh: the client keeps the refresh token it has. */
  refreshToken?: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface IdentityUser {
  sub: string;
  /** The tenant written on the identity at signup, if any. */
  tenantId?: string;
  createdAt: Date;
}

/** The user directory (Cognito in AWS and locally). */
export interface IdentityProvider {
  /** Creates a confirmed user with a permanent password. Throws EmailTakenError if the email exists. */
  createUser(input: { email: string; password: string; tenantId: string }): Promise<{ sub: string }>;
  findUser(email: string): Promise<IdentityUser | null>;
  /** Idempotent: deleting a user that does not exist succeeds. */
  deleteUser(email: string): Promise<void>;
  /** A disabled user can neither log in nor refresh. */
  disableUser(email: string): Promise<void>;
  enableUser(email: string): Promise<void>;
  /** The tokens, and the subject they were issued to. */
  logIn(email: string, password: string): Promise<{ tokens: SessionTokens; sub: string }>;
  refresh(refreshToken: string): Promise<SessionTokens>;
  /**
   * Changes the password of the user an access token was issued to, which must be valid. Throws
   * InvalidCredentialsError when `previous` is not their password.
   */
  changePassword(accessToken: string, previous: string, proposed: string): Promise<void>;
  /** Revokes every refresh token of the user, so no session of theirs can be renewed. */
  signOutEverywhere(email: string): Promise<void>;
  /** Revokes one refresh token; one that is already invalid is no error. */
  revokeRefreshToken(refreshToken: string): Promise<void>;
}

/** Tenants and memberships. Lookups by `sub` run before the tenant is known: that is their purpose. */
export interface TenantRepository {
  /** Writes the tenant, its owner's membership and the audit event atomically: all or nothing. */
  createTenantWithOwner(tenant: Tenant, owner: Membership, audit: Audited): Promise<void>;
  getTenant(tenantId: string): Promise<Tenant | null>;
  getMembership(tenantId: string, userId: string): Promise<Membership | null>;
  findMembershipBySub(sub: string): Promise<Membership | null>;
}
