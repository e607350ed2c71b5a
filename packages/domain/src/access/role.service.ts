import { auditContextOf } from '../audit/audit-context';
import type { AuditEntry } from '../audit/audit-event';
import { ForbiddenError, NotFoundError, RoleIsBuiltInError, VersionConflictError } from '../errors';
import type { Actor } from '../shared/auth-context';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { BUILT_IN_ROLES, isBuiltInRole } from './built-in-roles';
import type { Permission } from './permissions';
import type { Audited, RoleRepository } from './ports';
import type { CustomRole, Role } from './role';
import type { RoleCreateInput, RolePatchInput } from './role.schema';

export interface RoleServiceDeps {
  roles: RoleRepository;
  clock: Clock;
}

/** The built-in roles as `Role`s. */
export function builtInRoles(): Role[] {
  return Object.entries(BUILT_IN_ROLES).map(([id, role]) => ({
    id,
    name: role.name,
    description: role.description,
    permissions: [...role.permissions],
    builtIn: true,
  }));
}

/** A role by id, built-in or custom, or null. */
export async function findRole(roles: RoleRepository, roleId: string): Promise<Role | null> {
  if (isBuiltInRole(roleId)) return builtInRoles().find((role) => role.id === roleId)!;
  return roles.get(roleId);
}

/**
 * Refuses to let a caller hand out what they do not hold: creating or changing a role, or giving a
 * user a role, with a permission outside the caller's own would be a way to raise one's own rights.
 */
export function assertCanGrant(actor: Actor, permissions: readonly Permission[]): void {
  const missing = permissions.find((permission) => !actor.auth.permissions.includes(permission));
  if (missing) throw new ForbiddenError(missing, `You cannot grant ${missing}, which your own role does not have`);
}

/** Role use-cases for one caller. */
export function createRoleService(deps: RoleServiceDeps, actor: Actor) {
  const audited = (entry: Omit<AuditEntry, 'outcome'>): Audited => ({ context: auditContextOf(actor), entry: { ...entry, outcome: 'success' } });

  async function getCustom(roleId: string): Promise<CustomRole> {
    if (isBuiltInRole(roleId)) throw new RoleIsBuiltInError(roleId);
    const role = await deps.roles.get(roleId);
    if (!role) throw new NotFoundError('role', roleId);
    return role;
  }

  return {
    async list(): Promise<Role[]> {
      return [...builtInRoles(), ...(await deps.roles.list())];
    },

    async get(roleId: string): Promise<Role> {
      const role = await findRole(deps.roles, roleId);
      if (!role) throw new NotFoundError('role', roleId);
      return role;
    },

    async create(input: RoleCreateInput): Promise<CustomRole> {
      assertCanGrant(actor, input.permissions);
      const now = deps.clock.now().toISOString();
      const role: CustomRole = {
        id: newId(),
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
        permissions: input.permissions,
        builtIn: false,
        memberCount: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await deps.roles.create(role, audited({ action: 'role.created', target: { type: 'role', id: role.id }, changedFields: Object.keys(input) }));
      return role;
    },

    async update(roleId: string, patch: RolePatchInput, expectedVersion?: number): Promise<CustomRole> {
      const current = await getCustom(roleId);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new VersionConflictError('role', roleId, expectedVersion, current.version);
      }
      if (patch.permissions) assertCanGrant(actor, patch.permissions);
      const { version: _ignored, description, ...changes } = patch;
      const next: CustomRole = { ...current, ...changes, version: current.version + 1, updatedAt: deps.clock.now().toISOString() };
      if (description === null) delete next.description;
      else if (description !== undefined) next.description = description;
      const changedFields = Object.keys(patch).filter((field) => field !== 'version');
      await deps.roles.update(next, current, audited({ action: 'role.updated', target: { type: 'role', id: roleId }, changedFields }));
      return next;
    },

    async delete(roleId: string, expectedVersion?: number): Promise<void> {
      const current = await getCustom(roleId);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new VersionConflictError('role', roleId, expectedVersion, current.version);
      }
      await deps.roles.delete(current, audited({ action: 'role.deleted', target: { type: 'role', id: roleId } }));
    },
  };
}

export type RoleService = ReturnType<typeof createRoleService>;
