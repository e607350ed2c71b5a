import * as z from 'zod';
import { isReservedRoleName } from './built-in-roles';
import { PERMISSIONS, type Permission } from './permissions';

const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]], {
  error: (issue) => `is not a permission: see GET /v1/permissions (got ${JSON.stringify(issue.input)?.slice(0, 60)})`,
});
const permissionsSchema = z.array(permissionSchema).max(100).transform((list) => [...new Set(list)]);
const nameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(60, 'must be at most 60 characters')
  .refine((name) => !isReservedRoleName(name), { message: 'is the name of a built-in role; choose another' });

export const roleCreateSchema = z.strictObject({
  name: nameSchema,
  description: z.string().trim().max(200).optional(),
  permissions: permissionsSchema,
});
export type RoleCreateInput = z.infer<typeof roleCreateSchema>;

export const rolePatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    permissions: permissionsSchema.optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type RolePatchInput = z.infer<typeof rolePatchSchema>;
