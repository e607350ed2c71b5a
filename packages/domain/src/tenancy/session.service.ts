import type { AuthContext } from '../shared/auth-context';
import { MembershipInactiveError, NotFoundError } from '../errors';
import type { LoginInput, RefreshInput } from './auth.schema';
import type { IdentityProvider, SessionTokens, TenantRepository } from './ports';

export interface SessionDeps {
  identity: IdentityProvider;
  tenants: TenantRepository;
}

/** Logging in, refreshing, and turning a verified identity into the caller's tenant and role. */
export function createSessionService(deps: SessionDeps) {
  return {
    logIn(input: LoginInput): Promise<SessionTokens> {
      return deps.identity.logIn(input.email, input.password);
    },

    refresh(input: RefreshInput): Promise<SessionTokens> {
      return deps.identity.refresh(input.refreshToken);
    },

    /**
     * The tenant and role come from our membership record, read fresh on every request, so a
     * disabled user or a changed role takes effect at once rather than at the next login.
     */
    async resolve(sub: string): Promise<AuthContext> {
      const membership = await deps.tenants.findMembershipBySub(sub);
      if (!membership || membership.status !== 'active') throw new MembershipInactiveError();
      return {
        tenantId: membership.tenantId,
        userId: membership.userId,
        sub,
        role: membership.role,
      };
    },

    /** The caller, their workspace and their role. */
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
      };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
