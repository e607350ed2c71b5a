import {
  acceptInviteSchema,
  ALL_PERMISSIONS,
  BUILT_IN_ROLES,
  inviteUserSchema,
  roleCreateSchema,
  rolePatchSchema,
  ULID_PATTERN,
  userPatchSchema,
  WORKSPACE_LIMITS,
} from '@rapport/domain';
import * as z from 'zod';
import { boundedItemsOf, ETAG, ETAG_AND_LOCATION, itemsOf, noContentResponse, okWith, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { accessRoutes } from '../../routes/access';

/** `{id}` of a user: a ULID. */
export const userIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a user id') });

/** `{id}` of a role: a built-in role's key (`sales_rep`) or a custom role's ULID. */
export const roleIdParams = z.object({ id: z.string().regex(/^([a-z_]{2,40}|[0-9A-HJKMNP-TV-Z]{26})$/, 'must be a role id') });

const permissionSchema = z.enum(ALL_PERMISSIONS as unknown as [string, ...string[]]);

/** A built-in role (`builtIn: true`, no version) or a custom one (with version and member count). */
export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    permissions: z.array(permissionSchema),
    builtIn: z.boolean(),
    memberCount: z.int().min(0).optional(),
    version: z.int().min(1).optional(),
    createdAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Role' });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roleId: z.string(),
    status: z.enum(['invited', 'active', 'disabled']),
    version: z.int().min(1),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

const stateConflict = 'The record changed since the version sent, or the change would break a rule (built-in role, role in use, last owner)';

export const accessContracts = {
  acceptInvite: {
    tag: 'auth',
    request: { body: acceptInviteSchema },
    responses: okWith(z.object({ tenantId: z.string(), userId: z.string() }), 'The invitation is accepted; log in as usual'),
    errors: { 410: 'The invitation was used or has expired (`details.reason`); for one really issued, `details.askFor` names whom to ask for a new one: `{ who: "inviter" | "owners", names }`' },
  },
  listPermissions: {
    tag: 'access',
    request: {},
    responses: okWith(boundedItemsOf(z.object({ name: permissionSchema, description: z.string() }), ALL_PERMISSIONS.length), 'The permission catalogue: every permission there is, whole (not paged)'),
  },
  listRoles: {
    tag: 'access',
    request: {},
    responses: okWith(
      boundedItemsOf(roleSchema, Object.keys(BUILT_IN_ROLES).length + WORKSPACE_LIMITS.customRoles),
      `Built-in and custom roles, whole (not paged): a workspace has at most ${WORKSPACE_LIMITS.customRoles} custom roles`,
    ),
  },
  getRole: {
    tag: 'access',
    request: { params: roleIdParams },
    responses: okWith(roleSchema, 'The role'),
  },
  createRole: {
    tag: 'access',
    request: { body: roleCreateSchema },
    responses: { 201: { description: 'The custom role, with its ETag and Location', body: roleSchema, headers: ETAG_AND_LOCATION } },
    errors: { 409: `A role with this name exists, or the workspace has ${WORKSPACE_LIMITS.customRoles} custom roles already (code LIMIT_REACHED)` },
  },
  updateRole: {
    tag: 'access',
    ifMatch: true,
    request: { params: roleIdParams, body: rolePatchSchema },
    responses: okWith(roleSchema, 'The changed role, with its new ETag', ETAG),
    errors: { 409: stateConflict },
  },
  deleteRole: {
    tag: 'access',
    ifMatch: true,
    request: { params: roleIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: stateConflict },
  },
  listUsers: {
    tag: 'access',
    request: {},
    responses: okWith(itemsOf(userSchema), 'The workspace users'),
  },
  inviteUser: {
    tag: 'access',
    request: { body: inviteUserSchema },
    responses: {
      201: {
        description: 'The invited user; the invitation is emailed',
        body: userSchema.extend({ inviteValidUntil: z.iso.datetime() }).meta({ id: 'InvitedUser' }),
        headers: ETAG_AND_LOCATION,
      },
    },
    errors: { 409: 'The email already belongs to a user of the workspace' },
  },
  updateUser: {
    tag: 'access',
    ifMatch: true,
    request: { params: userIdParams, body: userPatchSchema },
    responses: okWith(userSchema, 'The changed user, with its new ETag', ETAG),
    errors: { 409: stateConflict },
  },
  deleteUser: {
    tag: 'access',
    ifMatch: true,
    request: { params: userIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: stateConflict },
  },
} satisfies Record<keyof typeof accessRoutes, RouteContract>;

/** The access routes with their contracts, as the handlers are built from them. */
export const accessEndpoints = /* @__PURE__ */ endpointsOf(accessRoutes, accessContracts);
