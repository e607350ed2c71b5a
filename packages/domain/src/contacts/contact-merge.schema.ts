import * as z from 'zod';
import { ULID_PATTERN } from '../shared/ids';
import { MERGE_FIELDS, type MergeField } from './contact-merge';

const choice = z.enum(['target', 'source'], { error: () => 'must be target or source' });

/** `POST /v1/contacts/{id}/merge`: the contact merged into `{id}`, and which side each field comes from. */
export const contactMergeSchema = z.strictObject({
  sourceId: z.string().regex(ULID_PATTERN, 'must be a contact id'),
  fields: z.strictObject(Object.fromEntries(MERGE_FIELDS.map((field) => [field, choice.optional()])) as Record<MergeField, z.ZodOptional<typeof choice>>).optional(),
});
export type ContactMergeInput = z.infer<typeof contactMergeSchema>;
