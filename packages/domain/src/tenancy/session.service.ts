import type { Audited, MembershipRepository, RoleRepository } from '../access/ports';
import { BUILT_IN_ROLES, isBuiltInRole } from '../access/built-in-roles';
import type { Permission } from '../access/permissions';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-event';
import { auditContextOf } from '../audit/audit-context';
import { InvalidCredentialsError, InvalidInputError, InvalidRefreshTokenError, LoginThrottledError, MembershipInactiveError, NotFoundError, VersionConflictError } from '../errors';
import type { Clock } from '../shared/clock';
import type { Actor, AuthContext, RequestMeta } from '../shared/auth-context';
import type { ChangePasswordInput, LoginInput, LogoutInput, RefreshInput } from './auth.schema';
import { LOGIN_THROTTLE, loginEmailDigest, secondsToWait, type LoginAttemptStore } from './login-throttle';
import type { Membership } from './membership';
import type { IdentityProvider, SessionTokens, TenantRepository } from './ports';

export interface SessionDeps {
  identity: IdentityProvider;
  tenants: TenantRepository;
  rolesFor(tenantId: string): RoleRepository;
  membershipsFor(tenantId: string): MembershipRepository;
  auditLog: AuditLog;
  clock: Clock;
  /** Failed log-ins in a row per email address, to slow down and then lock out guessing. */
  loginAttempts: LoginAttemptStore;
}

/** A logout retries its write this often when an admin changes the same membership at that moment. */
const LOGOUT_ATTEMPTS = 3;

/**
 * Whether a token of a session authenticated at `authTime` (seconds, as in the token) was signed
 * out. Tokens carry whole seconds: one from the very second of the sign-out counts as before it, so
 * no session open at the sign-out survives it (a new login within that second is refused too).
 */
export const signedOutBefore = (membership: Pick<Membership, 'signedOutAt'>, authTime: number): boolean =>
  membership.signedOutAt !== undefined && authTime <= Math.floor(Date.parse(membership.signedOutAt) / 1000);

/** Logging in, refreshing, and turning a verified identity into the caller's tenant, role and permissions. */
export function createSessionService(deps: SessionDeps) {
  async function permissionsOf(membership: Membership): Promise<Permission[]> {
    if (isBuiltInRole(membership.role)) return [...BUILT_IN_ROLES[membership.role].permissions];
    return (await deps.rolesFor(membership.tenantId).get(membership.role))?.permissions ?? [];
  }

  const loginAudit = (membership: Membership, request: RequestMeta, entry: Omit<AuditEntry, 'target'>): Audited => ({
    context: { actor: { userId: membership.userId, role: membership.role }, ...request },
    entry: { ...entry, target: { type: 'user', id: membership.userId } },
  });

  /** Audits a failed login in the workspace of the account it was for, if the email has one. */
  async function auditFailedLogin(email: string, request: RequestMeta, reason: string) {
    const user = await deps.identity.findUser(email);
    const membership = user && (await deps.tenants.findMembershipBySub(user.sub));
    if (membership) {
      await deps.auditLog.record(membership.tenantId, loginAudit(membership, request, { action: 'auth.login_failed', outcome: 'failure', details: { reason } }));
    }
  }

  return {
    async logIn(input: LoginInput, request: RequestMeta): Promise<SessionTokens> {
      const digest = loginEmailDigest(input.email);
      const failures = await deps.loginAttempts.get(digest);
      const wait = secondsToWait(failures, deps.clock.now());
      if (wait > 0) {
        await auditFailedLogin(input.email, request, 'throttled');
        throw new LoginThrottledError(wait);
      }
      let result: { tokens: SessionTokens; sub: string };
      try {
        result = await deps.identity.logIn(input.email, input.password);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) {
          await deps.loginAttempts.recordFailure(digest, deps.clock.now(), LOGIN_THROTTLE.windowMs);
          await auditFailedLogin(input.email, request, 'invalid credentials');
        }
        throw error;
      }
      if (failures) await deps.loginAttempts.clear(digest);
      const membership = await deps.tenants.findMembershipBySub(result.sub);
      if (!membership || membership.status !== 'active') {
        if (membership) {
          await deps.auditLog.record(membership.tenantId, loginAudit(membership, request, { action: 'auth.login_failed', outcome: 'denied', details: { reason: membership.status } }));
        }
        throw new MembershipInactiveError();
      }
      await deps.auditLog.record(membership.tenantId, loginAudit(membership, request, { action: 'auth.login', outcome: 'success' }));
      return result.tokens;
    },

    refresh(input: RefreshInput): Promise<SessionTokens> {
      return deps.identity.refresh(input.refreshToken);
    },

    /**
     * The tenant, role and permissions come from our records, not the token, so a disabled user or
     * a changed role takes effect without waiting for the next login. This reads them fresh; the
     * handlers' caller cache reuses the answer for at most 5 s (`functions/shared/caller-cache.ts`).
     * The answer carries `signedOutAt`, which the authenticator compares with each token's own
     * `auth_time` (`signedOutBefore`), so the cached answer serves every token of the caller.
     */
    async resolve(sub: string): Promise<AuthContext> {
      const membership = await deps.tenants.findMembershipBySub(sub);
      if (!membership || membership.status !== 'active') throw new MembershipInactiveError();
      return {
        tenantId: membership.tenantId,
        userId: membership.userId,
        sub,
        role: membership.role,
        permissions: await permissionsOf(membership),
        ...(membership.signedOutAt ? { signedOutAt: membership.signedOutAt } : {}),
      };
    },

    /**
     * Changes the caller's own password, proven by the current one, through the identity provider
     * with the caller's access token. A wrong current password is a field error, not a failed
     * authentication: the caller stays signed in. Both outcomes are audited, never with a password.
     */
    async changePassword(actor: Actor, accessToken: string, input: ChangePasswordInput): Promise<void> {
      const audit = (entry: Omit<AuditEntry, 'target'>): Audited => ({
        context: auditContextOf(actor),
        entry: { ...entry, target: { type: 'user', id: actor.auth.userId } },
      });
      try {
        await deps.identity.changePassword(accessToken, input.currentPassword, input.newPassword);
      } catch (error) {
        if (!(error instanceof InvalidCredentialsError)) throw error;
        await deps.auditLog.record(actor.auth.tenantId, audit({ action: 'auth.password_change_failed', outcome: 'failure', details: { reason: 'wrong current password' } }));
        throw new InvalidInputError('currentPassword', 'is not your current password');
      }
      await deps.auditLog.record(actor.auth.tenantId, audit({ action: 'auth.password_changed', outcome: 'success' }));
    },

    /**
     * Signs the caller out everywhere: the identity provider revokes every refresh token of theirs
     * (and this device's one, if given, at once), and the membership records when, so every access
     * token of a session authenticated until then is refused from now on, though not yet expired.
     */
    async logOut(actor: Actor, input: LogoutInput): Promise<void> {
      const memberships = deps.membershipsFor(actor.auth.tenantId);
      const membership = await memberships.get(actor.auth.userId);
      if (!membership) throw new NotFoundError('user', actor.auth.userId);
      await deps.identity.signOutEverywhere(membership.email);
      if (input.refreshToken) {
        await deps.identity.revokeRefreshToken(input.refreshToken).catch((error: unknown) => {
          if (!(error instanceof InvalidRefreshTokenError)) throw error;
        });
      }
      let current: Membership | null = membership;
      for (let attempt = 1; current; attempt++) {
        const at = deps.clock.now().toISOString();
        try {
          await memberships.update(
            { ...current, signedOutAt: at, version: current.version + 1, updatedAt: at },
            current,
            { context: auditContextOf(actor), entry: { action: 'auth.logout', target: { type: 'user', id: actor.auth.userId }, outcome: 'success' } },
          );
          return;
        } catch (error) {
          if (!(error instanceof VersionConflictError) || attempt >= LOGOUT_ATTEMPTS) throw error;
          current = await memberships.get(actor.auth.userId);
        }
      }
      throw new NotFoundError('user', actor.auth.userId);
    },

    /** The caller, their workspace, role and permissions. */
    async describe(auth: AuthContext) {
      const [tenant, membership] = await Promise.all([
        deps.tenants.getTenant(auth.tenantId),
        deps.tenants.getMembership(auth.tenantId, auth.userId),
      ]);
      if (!tenant) throw new NotFoundError('tenant', auth.tenantId);
      if (!membership) throw new NotFoundError('user', auth.userId);
      return {
        user: { id: membership.userId, email: membership.email, name: membership.name, status: membership.status },
        tenant: { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt },
        role: membership.role,
        permissions: auth.permissions,
      };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
