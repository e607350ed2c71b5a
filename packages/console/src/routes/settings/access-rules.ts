import type { Role, User } from './admin-queries';

/*
 * The rules the API enforces on users and roles (docs/permissions.md; the domain's user.service
 * and role.service, and the membership store's last-owner check), read here so a screen can say
 * why an action is not possible before the click. The API still decides: a refusal after the
 * click (someone else changed something meanwhile) is shown as the API words it.
 */

export const OWNER_ROLE = 'owner';

/** Who is acting: their role and the permissions it holds (from `GET /v1/me`). */
export interface Actor {
  role: string;
  permissions: readonly string[];
}

/** Whether an action may be tried, and if not, why, in words. */
export type Allowed = { ok: true } | { ok: false; reason: string };

const yes: Allowed = { ok: true };
const no = (reason: string): Allowed => ({ ok: false, reason });

/** The permissions of `role` the actor's own role lacks (nobody grants what they do not hold). */
export function missingToGrant(actor: Actor, permissions: readonly string[]): string[] {
  return permissions.filter((permission) => !actor.permissions.includes(permission));
}

/** Whether the actor may hand `role` to someone (on invite or on a change of role). */
export function mayGrantRole(actor: Actor, role: Role): Allowed {
  if (role.id === OWNER_ROLE && actor.role !== OWNER_ROLE) return no('Only an owner can make someone an owner.');
  const missing = missingToGrant(actor, role.permissions);
  if (missing.length > 0) return no(`It holds ${missing.join(', ')}, which your own role does not have.`);
  return yes;
}

function isLastActiveOwner(user: User, users: readonly User[]): boolean {
  return user.roleId === OWNER_ROLE && user.status === 'active' && users.filter((other) => other.roleId === OWNER_ROLE && other.status === 'active').length === 1;
}

/**
 * What the actor may do to `user` (whose role is `userRole`, when known), each with its reason when
 * not. Nobody manages a user whose role holds a permission their own lacks.
 */
export function userActions(actor: Actor, user: User, users: readonly User[], userRole?: Role) {
  const manage = actor.permissions.includes('users:manage') ? yes : no('Your role cannot change users (it needs users:manage).');
  const ownerGuard = user.roleId === OWNER_ROLE && actor.role !== OWNER_ROLE ? no('Only an owner can change or remove an owner.') : yes;
  const above = userRole ? missingToGrant(actor, userRole.permissions) : [];
  const aboveGuard = above.length > 0 ? no(`${user.name}'s role holds ${above.join(', ')}, which your own role does not have.`) : yes;
  const lastOwner = isLastActiveOwner(user, users) ? no(`${user.name} is the last active owner: make someone else an owner first.`) : yes;
  const first = (...checks: Allowed[]) => checks.find((check) => !check.ok) ?? yes;
  const invited = user.status === 'invited' ? no('The invitation is not accepted yet: there is nothing to disable.') : yes;
  return {
    changeRole: first(manage, ownerGuard, aboveGuard, lastOwner),
    disable: first(manage, ownerGuard, aboveGuard, invited, lastOwner),
    enable: first(manage, ownerGuard, aboveGuard),
    remove: first(manage, ownerGuard, aboveGuard, lastOwner),
  };
}

/** Whether the actor may change a role's permissions or delete it. */
export function roleActions(actor: Actor, role: Role, holders: number) {
  const manage = actor.permissions.includes('roles:manage') ? yes : no('Your role cannot change roles (it needs roles:manage).');
  const custom = role.builtIn ? no('Built-in roles cannot be changed; make a custom role instead.') : yes;
  const first = (...checks: Allowed[]) => checks.find((check) => !check.ok) ?? yes;
  const unassigned = holders > 0 ? no(`${holders === 1 ? 'One person holds' : `${holders} people hold`} this role: give them another role first.`) : yes;
  return { edit: first(manage, custom), remove: first(manage, custom, unassigned) };
}

/** The roles a role's change reaches: the users holding it. */
export function holdersOf(role: Role, users: readonly User[] | undefined): { count: number; names: string[] | null } {
  if (!users) return { count: role.memberCount ?? 0, names: null };
  const names = users.filter((user) => user.roleId === role.id).map((user) => user.name);
  return { count: names.length, names };
}
