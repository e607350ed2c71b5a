import * as z from 'zod';
import { text } from '../shared/text';
import { emailSchema, passwordSchema } from '../tenancy/auth.schema';

const roleIdSchema = z.string().trim().min(1, 'is required').max(40);
const nameSchema = text(200, { emptyMessage: 'is required' });

export const inviteUserSchema = z.strictObject({ email: emailSchema, name: nameSchema, roleId: roleIdSchema });
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

export const userPatchSchema = z
  .strictObject({
    roleId: roleIdSchema.optional(),
    name: nameSchema.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type UserPatchInput = z.infer<typeof userPatchSchema>;

export const acceptInviteSchema = z.strictObject({
  token: z.string().min(1, 'is required').max(200),
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;
