import { createRoleService, createUserService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createMailer, userDepsOf } from './mailer';

/** Roles, permissions and the workspace's users (invitations are mailed). */
export interface AccessRuntime extends CommonRuntime {
  rolesFor(actor: Actor): ReturnType<typeof createRoleService>;
  usersFor(actor: Actor): ReturnType<typeof createUserService>;
}

export function createAccessRuntime(environment: NodeJS.ProcessEnv): AccessRuntime {
  const common = createCommonRuntime(environment);
  const userDeps = userDepsOf(common, createMailer(common));
  return {
    ...common,
    rolesFor: (actor) => createRoleService({ roles: common.rolesOf(actor.auth.tenantId), clock: common.clock }, actor),
    usersFor: (actor) => createUserService(userDeps, actor),
  };
}

export const accessRuntime = oncePerContainer(createAccessRuntime);
