import * as z from 'zod';
import { text } from '../shared/text';
import { PASSWORD_POLICY } from './password-policy';

/** Emails are compared lower-cased and trimmed everywhere, so one address is one account. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  // A request is documented as zod reads it, before the pipe: state the format the pipe checks.
  .meta({ format: 'email' });

export const passwordSchema = z
  .string()
  .min(PASSWORD_POLICY.minLength, `must be at least ${PASSWORD_POLICY.minLength} characters`)
  .max(PASSWORD_POLICY.maxLength, `must be at most ${PASSWORD_POLICY.maxLength} characters`)
  .regex(/[a-z]/, 'must contain a lower-case letter')
  .regex(/[A-Z]/, 'must contain an upper-case letter')
  .regex(/[0-9]/, 'must contain a digit');

export const signupInputSchema = z.strictObject({
  companyName: text(200, { emptyMessage: 'is required' }),
  name: text(200, { emptyMessage: 'is required' }),
  email: emailSchema,
  password: passwordSchema,
});
export type SignupInput = z.infer<typeof signupInputSchema>;

export const loginInputSchema = z.strictObject({
  email: emailSchema,
  // Not checked against the policy here: a login only has to be right, not strong.
  password: z.string().min(1, 'is required').max(PASSWORD_POLICY.maxLength),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const changePasswordInputSchema = z
  .strictObject({
    // Only has to be right, as at login.
    currentPassword: z.string().min(1, 'is required').max(PASSWORD_POLICY.maxLength),
    newPassword: passwordSchema,
  })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ['newPassword'], message: 'must differ from the current password' });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const logoutInputSchema = z.strictObject({
  refreshToken: z.string().min(1).max(8192).optional().describe("This device's refresh token, revoked at once"),
});
export type LogoutInput = z.infer<typeof logoutInputSchema>;

export const refreshInputSchema = z.strictObject({
  refreshToken: z.string().min(1, 'is required').max(8192),
});
export type RefreshInput = z.infer<typeof refreshInputSchema>;
