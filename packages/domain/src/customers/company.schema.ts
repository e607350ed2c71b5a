import { z } from 'zod';
import { phoneSchema, tagsSchema } from '../contacts/contact.schema';
import { COMPANY_SIZES, LIFECYCLE_STAGES } from './company';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A channel name, lower-cased so that `Web` and `web` count as one channel in analytics. */
export const channelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(50, 'must be at most 50 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a channel name of letters, digits, - and _ (such as web or referral)');

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'must be a domain name such as example.com');

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`) });

/** The editable fields of a company. Unknown fields are refused, so typos do not vanish silently. */
const companyFields = {
  name: text(200),
  domain: domainSchema,
  industry: text(100),
  size: enumOf(COMPANY_SIZES),
  region: text(100),
  phone: phoneSchema,
  address: text(500),
  tags: tagsSchema,
  lifecycleStage: enumOf(LIFECYCLE_STAGES),
  sourceChannel: channelSchema,
};

export const companyCreateSchema = z.strictObject({
  name: companyFields.name,
  domain: companyFields.domain.optional(),
  industry: companyFields.industry.optional(),
  size: companyFields.size.optional(),
  region: companyFields.region.optional(),
  phone: companyFields.phone.optional(),
  address: companyFields.address.optional(),
  tags: companyFields.tags.optional(),
  lifecycleStage: companyFields.lifecycleStage.optional(),
  sourceChannel: companyFields.sourceChannel.optional(),
});
export type CompanyCreateInput = z.infer<typeof companyCreateSchema>;

/** A partial update: a field set to `null` is cleared; `name` is required and cannot be. */
export const companyPatchSchema = z
  .strictObject({
    name: companyFields.name.optional(),
    domain: companyFields.domain.nullable().optional(),
    industry: companyFields.industry.nullable().optional(),
    size: companyFields.size.nullable().optional(),
    region: companyFields.region.nullable().optional(),
    phone: companyFields.phone.nullable().optional(),
    address: companyFields.address.nullable().optional(),
    tags: companyFields.tags.nullable().optional(),
    lifecycleStage: companyFields.lifecycleStage.nullable().optional(),
    sourceChannel: companyFields.sourceChannel.nullable().optional(),
    /** The version the change was made against; a stale one is refused with 409. */
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), {
    message: 'must change at least one field',
  });
export type CompanyPatchInput = z.infer<typeof companyPatchSchema>;
