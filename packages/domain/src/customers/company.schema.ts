import * as z from 'zod';
import { text } from '../shared/text';
import { phoneSchema, tagsSchema } from '../contacts/contact.schema';
import { customFieldsInputSchema } from '../fields/field.schema';
import { COMPANY_SIZES } from './company';
import { channelSchema, enumOf, segmentFields } from './segment.schema';

export { channelSchema };


const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'must be a domain name such as example.com');

/** The editable fields of a company. Unknown fields are refused, so typos do not vanish silently. */
const companyFields = {
  name: text(200),
  domain: domainSchema,
  industry: text(100),
  size: enumOf(COMPANY_SIZES),
  region: segmentFields.region,
  phone: phoneSchema,
  address: text(500),
  tags: tagsSchema,
  lifecycleStage: segmentFields.lifecycleStage,
  sourceChannel: segmentFields.sourceChannel,
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
  /** Checked against the tenant's definitions by the service. */
  customFields: customFieldsInputSchema.optional(),
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
    /** Merged key by key into the stored values; `null` clears one. */
    customFields: customFieldsInputSchema.optional(),
    /** The version the change was made against; a stale one is refused with 409. */
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), {
    message: 'must change at least one field',
  });
export type CompanyPatchInput = z.infer<typeof companyPatchSchema>;
