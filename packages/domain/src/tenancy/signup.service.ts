import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { EmailTakenError } from '../errors';
import type { SignupInput } from './auth.schema';
import { OWNER_ROLE } from '../access/built-in-roles';
import type { RequestMeta } from '../shared/auth-context';
import type { Membership, Tenant } from './membership';
import type { IdentityProvider, TenantRepository } from './ports';

/**
 * An identity older than this with no membership is the leftover of a signup that died between its
 * two writes (a Lambda times out after at most 15 minutes, our API after 29 seconds). Younger
 * ones may belong to a signup still in flight, so they are left alone.
 */
export const ORPHANED_IDENTITY_AGE_MS = 5 * 60_000;

export interface SignupDeps {
  identity: IdentityProvider;
  tenants: TenantRepository;
  clock: Clock;
  /** Told when rolling back the identity fails; the orphan is then repaired by the next signup. */
  onRollbackFailure?: (error: unknown) => void;
}

export interface SignupResult {
  tenantId: string;
  userId: string;
}

/**
 * Signup spans two systems (the user directory and the table) that share no transaction. It
 * creates the identity first (the directory enforces one account per email), then writes tenant
 * and owner in one table transaction, and deletes the identity again if that write fails. If even
 * the rollback fails, the identity is an orphan, and a later signup with the same email removes it:
 * so there is never a usable user without a tenant, nor a tenant without its owner.
 */
export function createSignupService(deps: SignupDeps) {
  async function signUp(input: SignupInput, request: RequestMeta): Promise<SignupResult> {
    const tenantId = newId();
    const userId = newId();
    const { sub } = await createIdentity(input, tenantId);
    const now = deps.clock.now().toISOString();
    const tenant: Tenant = {
      id: tenantId,
      name: input.companyName,
      ownerUserId: userId,
      ownerCount: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const owner: Membership = {
      tenantId,
      userId,
      sub,
      email: input.email,
      name: input.name,
      role: OWNER_ROLE,
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await deps.tenants.createTenantWithOwner(tenant, owner, {
        context: { actor: { userId, role: OWNER_ROLE }, ...request },
        entry: { action: 'tenant.created', target: { type: 'tenant', id: tenantId }, outcome: 'success' },
      });
    } catch (error) {
      await deps.identity.deleteUser(input.email).catch((rollbackError: unknown) => {
        deps.onRollbackFailure?.(rollbackError);
      });
      throw error;
    }
    return { tenantId, userId };
  }

  async function createIdentity(input: SignupInput, tenantId: string) {
    const request = { email: input.email, password: input.password, tenantId };
    try {
      return await deps.identity.createUser(request);
    } catch (error) {
      if (!(error instanceof EmailTakenError) || !(await isOrphan(input.email))) throw error;
      await deps.identity.deleteUser(input.email);
      return deps.identity.createUser(request);
    }
  }

  async function isOrphan(email: string): Promise<boolean> {
    const user = await deps.identity.findUser(email);
    if (!user) return false;
    const age = deps.clock.now().getTime() - user.createdAt.getTime();
    if (age < ORPHANED_IDENTITY_AGE_MS) return false;
    return (await deps.tenants.findMembershipBySub(user.sub)) === null;
  }

  return { signUp };
}

export type SignupService = ReturnType<typeof createSignupService>;
