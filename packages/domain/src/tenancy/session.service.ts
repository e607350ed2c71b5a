import type { Audited, RoleRepository } from '../access/ports';
import { BUILT_IN_ROLES, isBuiltInRole } from '../access/built-in-roles';
import type { Permission } from '../access/permissions';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-event';
import { InvalidCredentialsError, MembershipInactiveError, NotFoundError } from '../errors';
import type { AuthContext, RequestMeta } from '../shared/auth-context';
import type { LoginInput, RefreshInput } from './auth.schema';
import type { Membership } from './membership';
import type { IdentityProvider, SessionTokens, TenantRepository } from './ports';

export interface SessionDeps {
  identity: IdentityProvider;
  tenants: TenantRepository;
  rolesFor(tenantId: string): RoleRepository;
  auditLog: AuditLog;
}

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
      let result: { tokens: SessionTokens; sub: string };
      try {
        result = await deps.identity.logIn(input.email, input.password);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) await auditFailedLogin(input.email, request, 'invalid credentials');
        throw error;
      }
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
      };
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
