import * as z from 'zod';
import { text } from '../shared/text';
import { isReservedRoleName } from './built-in-roles';
import { PERMISSIONS, type Permission } from './permissions';

const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]], {
  error: (issue) => `is not a permission: see GET /v1/permissions (got ${JSON.stringify(issue.input)?.slice(0, 60)})`,
});
const permissionsSchema = z.array(permissionSchema).max(100).transform((list) => [...new Set(list)]);
const nameSchema = text(60, { emptyMessage: 'is required' })
  .refine((name) => !isReservedRoleName(name), { message: 'is the name of a built-in role; choose another' });

export const roleCreateSchema = z.strictObject({
  name: nameSchema,
  description: text(200, { allowEmpty: true }).optional(),
  permissions: permissionsSchema,
});
export type RoleCreateInput = z.infer<typeof roleCreateSchema>;

export const rolePatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    description: text(200, { allowEmpty: true }).nullable().optional(),
    permissions: permissionsSchema.optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type RolePatchInput = z.infer<typeof rolePatchSchema>;
