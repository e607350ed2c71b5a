export * from './errors';
export type { AuthContext } from './shared/auth-context';
export { type Clock, systemClock } from './shared/clock';
export { newId, isId, ULID_PATTERN } from './shared/ids';
export type { Versioned } from './shared/versioned';

export { OWNER_ROLE, type Membership, type MembershipStatus, type Tenant } from './tenancy/membership';
export { PASSWORD_POLICY } from './tenancy/password-policy';
export {
  emailSchema,
  loginInputSchema,
  passwordSchema,
  refreshInputSchema,
  signupInputSchema,
  type LoginInput,
  type RefreshInput,
  type SignupInput,
} from './tenancy/auth.schema';
export type { IdentityProvider, IdentityUser, SessionTokens, TenantRepository } from './tenancy/ports';
export { createSignupService, ORPHANED_IDENTITY_AGE_MS, type SignupService, type SignupResult } from './tenancy/signup.service';
export { createSessionService, type SessionService } from './tenancy/session.service';

export type { Contact, ContactChanges } from './contacts/contact';
export {
  contactCreateSchema,
  contactPatchSchema,
  type ContactCreateInput,
  type ContactPatchInput,
} from './contacts/contact.schema';
export type { ContactRepository, Page } from './contacts/ports';
export { createContactService, type ContactService } from './contacts/contact.service';

export {
  GENESIS_HASH,
  type AuditAction,
  type AuditContext,
  type AuditEntry,
  type AuditEvent,
  type ChainHead,
} from './audit/audit-event';
export { hashAuditEvent, isAuditEventIntact, sealAuditEvent } from './audit/audit-chain';
