import * as z from 'zod';
import { day, multilineText, text } from '../shared/text';
import { segmentFields } from '../customers/segment.schema';
import { customFieldsInputSchema } from '../fields/field.schema';
import { ULID_PATTERN } from '../shared/ids';
import { emailSchema } from '../tenancy/auth.schema';
import { parsePhone } from './phone-parser';

const name = (max: number) => text(max);

/**
 * A phone number, stored as E.164 so one number has one spelling (see normalisePhone), checked with
 * the parser the handler sets (`usePhoneParser`), so bundles that take no phone are without it.
 */
export const phoneSchema = z
  .string()
  .max(32, 'must be at most 32 characters')
  .transform((value, ctx) => {
    const result = parsePhone(value);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  })
  .describe('A phone number as people write it (+49 30 1234567, 030 1234567); stored and answered in E.164 (+49301234567)');

export const tagsSchema = z
  .array(name(50))
  .max(50, 'must have at most 50 tags')
  .transform((tags) => [...new Set(tags)]);

/** The editable fields of a contact. Unknown fields are refused, so typos do not vanish silently. */
const contactFields = {
  firstName: name(100),
  lastName: name(100),
  email: emailSchema,
  phone: phoneSchema,
  company: name(200),
  title: name(100),
  tags: tagsSchema,
  address: multilineText(500),
  birthday: day('must be a date as YYYY-MM-DD'),
  notes: multilineText(10_000, { allowEmpty: true }),
  /** The company (account) the contact belongs to: it must exist in the workspace and be visible to the caller. */
  companyId: z.string().regex(ULID_PATTERN, 'must be a company id'),
  ...segmentFields,
  /** Checked against the tenant's definitions by the service (it needs them from the table). */
  customFields: customFieldsInputSchema,
};

export const contactCreateSchema = z.strictObject({
  ...contactFields,
  lastName: contactFields.lastName.optional(),
  email: contactFields.email.optional(),
  phone: contactFields.phone.optional(),
  company: contactFields.company.optional(),
  title: contactFields.title.optional(),
  tags: contactFields.tags.optional(),
  address: contactFields.address.optional(),
  birthday: contactFields.birthday.optional(),
  notes: contactFields.notes.optional(),
  companyId: contactFields.companyId.optional(),
  /** `lead` when not given (the service sets it, so programmatic callers get it too). */
  lifecycleStage: contactFields.lifecycleStage.optional(),
  sourceChannel: contactFields.sourceChannel.optional(),
  region: contactFields.region.optional(),
  customFields: contactFields.customFields.optional(),
});
export type ContactCreateInput = z.infer<typeof contactCreateSchema>;

/** A partial update: a field set to `null` is cleared; `firstName` is required and cannot be. */
export const contactPatchSchema = z
  .strictObject({
    firstName: contactFields.firstName.optional(),
    lastName: contactFields.lastName.nullable().optional(),
    email: contactFields.email.nullable().optional(),
    phone: contactFields.phone.nullable().optional(),
    company: contactFields.company.nullable().optional(),
    title: contactFields.title.nullable().optional(),
    tags: contactFields.tags.nullable().optional(),
    address: contactFields.address.nullable().optional(),
    birthday: contactFields.birthday.nullable().optional(),
    notes: contactFields.notes.nullable().optional(),
    companyId: contactFields.companyId.nullable().optional(),
    /** Has a default, so it can be changed but not cleared. */
    lifecycleStage: contactFields.lifecycleStage.optional(),
    sourceChannel: contactFields.sourceChannel.nullable().optional(),
    region: contactFields.region.nullable().optional(),
    /** Merged key by key into the stored values; `null` clears one. */
    customFields: contactFields.customFields.optional(),
    /** The version the change was made against; a stale one is refused with 409. */
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), {
    message: 'must change at least one field',
  });
export type ContactPatchInput = z.infer<typeof contactPatchSchema>;

export type ContactField = keyof typeof contactFields;
