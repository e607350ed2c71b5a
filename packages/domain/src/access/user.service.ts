import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import { EmailTakenError, ForbiddenError, InvalidInputError, InviteGoneError, NotFoundError, VersionConflictError } from '../errors';
import type { Mailer } from '../notifications/mailer';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Membership } from '../tenancy/membership';
import type { IdentityProvider } from '../tenancy/ports';
import { OWNER_ROLE } from './built-in-roles';
import { INVITE_VALIDITY_DAYS, newInviteToken, parseInviteToken } from './invite-token';
import type { Audited, Invite, MembershipRepository, RoleRepository } from './ports';
import { assertCanGrant, findRole } from './role.service';
import type { AcceptInviteInput, InviteUserInput, UserPatchInput } from './user.schema';
import { inviteMessage } from './invite-message';

export interface UserServiceDeps {
  membershipsFor(tenantId: string): MembershipRepository;
  rolesFor(tenantId: string): RoleRepository;
  identity: IdentityProvider;
  mailer: Mailer;
  clock: Clock;
  /** The web console's address; invitation links point at `<appUrl>/accept-invite?token=…`. */
  appUrl: string;
  /** Told when a follow-up on the identity provider fails after the change was committed. */
  onIdentitySyncFailure?: (error: unknown) => void;
}

/** What the API shows of a user. */
export function userView(membership: Membership) {
  return {
    id: membership.userId,
    email: membership.email,
    name: membership.name,
    roleId: membership.role,
    status: membership.status,
    version: membership.version,
    createdAt: membership.createdAt,
    updatedAt: membership.updatedAt,
  };
}

/**
 * Whom the holder of a used or expired invitation can ask for a new one: its sender while still an
 * active member, else the workspace's active owners (there is always one), by name.
 */
async function whomToAsk(memberships: MembershipRepository, invite: Invite, invitee: Membership | null) {
  const inviterId = invite.invitedBy ?? invitee?.invitedBy;
  const inviter = inviterId ? await memberships.get(inviterId) : null;
  if (inviter?.status === 'active') return { who: 'inviter' as const, names: [inviter.name] };
  const owners = (await memberships.list()).filter((member) => member.role === OWNER_ROLE && member.status === 'active');
  return { who: 'owners' as const, names: owners.map((owner) => owner.name).sort() };
}

/** Accepting an invitation: no caller yet, the token is the credential. */
export function createInviteAcceptance(deps: Pick<UserServiceDeps, 'membershipsFor' | 'identity' | 'clock'>) {
  return {
    async accept(input: AcceptInviteInput, request: Actor['request']): Promise<{ tenantId: string; userId: string }> {
      const parsed = parseInviteToken(input.token);
      if (!parsed) throw new InviteGoneError('unknown');
      const memberships = deps.membershipsFor(parsed.tenantId);
      const invite = await memberships.getInvite(parsed.tokenHash);
      // Forged or long gone: nothing about the workspace is told.
      if (!invite) throw new InviteGoneError('unknown');
      const membership = await memberships.get(invite.userId);
      const gone = async (reason: 'used' | 'expired') => new InviteGoneError(reason, await whomToAsk(memberships, invite, membership));
      if (invite.acceptedAt) throw await gone('used');
      const now = deps.clock.now();
      if (Date.parse(invite.validUntil) <= now.getTime()) throw await gone('expired');
      if (!membership || membership.status !== 'invited') throw await gone('used');

      const { sub } = await deps.identity.createUser({ email: invite.email, password: input.password, tenantId: parsed.tenantId });
      const at = now.toISOString();
      try {
        await memberships.acceptInvite(
          { ...membership, sub, status: 'active', version: membership.version + 1, updatedAt: at },
          { ...invite, acceptedAt: at },
          {
            context: { actor: { userId: membership.userId, role: membership.role }, ...request },
            entry: { action: 'auth.invite_accepted', target: { type: 'user', id: membership.userId }, outcome: 'success' },
          },
        );
      } catch (error) {
        // No identity without its membership: undo the Cognito user (as signup does).
        await deps.identity.deleteUser(invite.email).catch(() => undefined);
        throw error;
      }
      return { tenantId: parsed.tenantId, userId: membership.userId };
    },
  };
}

/** User management for one caller (`users:read` / `users:manage`). */
export function createUserService(deps: UserServiceDeps, actor: Actor) {
  const tenantId = actor.auth.tenantId;
  const memberships = deps.membershipsFor(tenantId);
  const roles = deps.rolesFor(tenantId);
  const audited = (entry: Omit<AuditEntry, 'outcome'>, outcome: AuditEntry['outcome'] = 'success'): Audited => ({
    context: auditContextOf(actor),
    entry: { ...entry, outcome },
  });

  /** A role the caller may hand out: it exists, holds nothing the caller lacks, and only owners make owners. */
  async function grantableRole(roleId: string) {
    const role = await findRole(roles, roleId);
    if (!role) throw new InvalidInputError('roleId', 'is not a role of this workspace: see GET /v1/roles');
    if (roleId === OWNER_ROLE) assertOwner();
    assertCanGrant(actor, role.permissions);
    return role;
  }

  /**
   * A person manages only users whose role holds nothing theirs lacks: otherwise a custom role with
   * users:manage could disable, demote or remove an admin (owners are guarded by assertOwner).
   */
  async function assertCanManage(member: Membership) {
    const role = await findRole(roles, member.role);
    const missing = (role?.permissions ?? []).find((permission) => !actor.auth.permissions.includes(permission));
    if (missing) throw new ForbiddenError(missing, `You cannot manage this user: their role holds ${missing}, which your own role does not have`);
  }

  function assertOwner() {
    if (actor.auth.role !== OWNER_ROLE) throw new ForbiddenError('tenant:delete', 'Only an owner can make, change or remove an owner');
  }

  async function existing(userId: string, expectedVersion?: number) {
    const membership = await memberships.get(userId);
    if (!membership) throw new NotFoundError('user', userId);
    if (expectedVersion !== undefined && expectedVersion !== membership.version) {
      throw new VersionConflictError('user', userId, expectedVersion, membership.version);
    }
    return membership;
  }

  return {
    async list() {
      return (await memberships.list()).map(userView);
    },

    async invite(input: InviteUserInput) {
      await grantableRole(input.roleId);
      const taken = (await memberships.list()).some((member) => member.email === input.email);
      if (taken || (await deps.identity.findUser(input.email))) throw new EmailTakenError();
      const now = deps.clock.now();
      const { token, tokenHash } = newInviteToken(tenantId);
      const membership: Membership = {
        tenantId,
        userId: newId(),
        email: input.email,
        name: input.name,
        role: input.roleId,
        status: 'invited',
        invitedBy: actor.auth.userId,
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      const invite: Invite = {
        tenantId,
        tokenHash,
        userId: membership.userId,
        email: input.email,
        invitedBy: actor.auth.userId,
        createdAt: now.toISOString(),
        validUntil: new Date(now.getTime() + INVITE_VALIDITY_DAYS * 86_400_000).toISOString(),
      };
      await memberships.invite(membership, invite, audited({ action: 'user.invited', target: { type: 'user', id: membership.userId }, details: { roleId: input.roleId } }));
      try {
        await deps.mailer.send(inviteMessage({ to: input.email, name: input.name, link: `${deps.appUrl}/accept-invite?token=${token}`, expiresAt: invite.validUntil }));
      } catch (error) {
        // An invitation nobody received is no invitation: take it back.
        await memberships.delete(membership, audited({ action: 'user.deleted', target: { type: 'user', id: membership.userId }, details: { reason: 'invitation email failed' } }, 'failure'));
        throw error;
      }
      return { ...userView(membership), inviteValidUntil: invite.validUntil };
    },

    async update(userId: string, patch: UserPatchInput, expectedVersion?: number) {
      const current = await existing(userId, expectedVersion);
      if (current.role === OWNER_ROLE) assertOwner();
      await assertCanManage(current);
      if (patch.roleId !== undefined && patch.roleId !== current.role) await grantableRole(patch.roleId);
      if (patch.status !== undefined && patch.status !== current.status && current.status === 'invited') {
        throw new InvalidInputError('status', 'cannot change until the invitation is accepted');
      }
      const next: Membership = {
        ...current,
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.roleId === undefined ? {} : { role: patch.roleId }),
        ...(patch.status === undefined ? {} : { status: patch.status }),
        version: current.version + 1,
        updatedAt: deps.clock.now().toISOString(),
      };
      const changedFields = Object.keys(patch).filter((field) => field !== 'version');
      await memberships.update(next, current, audited({ action: 'user.updated', target: { type: 'user', id: userId }, changedFields, details: { roleId: next.role, status: next.status } }));
      if (next.status !== current.status) {
        // The membership is what every request checks; Cognito follows so a disabled user cannot log in or refresh either.
        const sync = next.status === 'disabled' ? deps.identity.disableUser(current.email) : deps.identity.enableUser(current.email);
        await sync.catch((error: unknown) => deps.onIdentitySyncFailure?.(error));
      }
      return userView(next);
    },

    async delete(userId: string, expectedVersion?: number) {
      const current = await existing(userId, expectedVersion);
      if (current.role === OWNER_ROLE) assertOwner();
      await assertCanManage(current);
      await memberships.delete(current, audited({ action: 'user.deleted', target: { type: 'user', id: userId } }));
      await deps.identity.deleteUser(current.email).catch((error: unknown) => deps.onIdentitySyncFailure?.(error));
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
