import * as z from 'zod';
import { text } from '../shared/text';
import { enumOf } from '../customers/segment.schema';
import { atMostEntries } from '../shared/bounded-map';
import { FIELD_ENTITIES, FIELD_KEY_PATTERN, FIELD_TYPES } from './field-definition';

/** Custom field values one write may carry. */
const MAX_CUSTOM_FIELDS = 100;

const labelSchema = text(100);
const optionsSchema = z
  .array(text(100))
  .min(1, 'must list at least one option')
  .max(100, 'must have at most 100 options')
  .refine((options) => new Set(options).size === options.length, 'must not repeat an option');

export const fieldCreateSchema = z
  .strictObject({
    entity: enumOf(FIELD_ENTITIES),
    key: z.string().regex(FIELD_KEY_PATTERN, 'must be a machine name of lower-case letters, digits and _, starting with a letter, at most 50 characters'),
    label: labelSchema,
    type: enumOf(FIELD_TYPES),
    options: optionsSchema.optional(),
    required: z.boolean().default(false),
    sensitive: z.boolean().default(false),
  })
  .superRefine((field, context) => {
    if (field.type === 'select' && field.options === undefined) context.addIssue({ code: 'custom', path: ['options'], message: 'is required for a select field' });
    if (field.type !== 'select' && field.options !== undefined) context.addIssue({ code: 'custom', path: ['options'], message: 'is only for select fields' });
  });
export type FieldCreateInput = z.infer<typeof fieldCreateSchema>;

/**
 * What may change of a definition. `type` and `sensitive` are accepted so that changing them is
 * answered with a clear 409 rather than "not a known field"; `entity` and `key` never change.
 */
export const fieldPatchSchema = z
  .strictObject({
    label: labelSchema.optional(),
    options: optionsSchema.optional(),
    required: z.boolean().optional(),
    type: enumOf(FIELD_TYPES).optional(),
    sensitive: z.boolean().optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type FieldPatchInput = z.infer<typeof fieldPatchSchema>;

/**
 * `customFields` of a contact or company write, as far as it can be checked without the tenant's
 * definitions: machine-name keys and JSON scalars (`null` clears one key on PATCH). The values are
 * then checked against the definitions by {@link checkCustomFieldValues}.
 */
export const customFieldsInputSchema = atMostEntries(
  z.record(
    // The keys are checked below, each with its own message; the pattern is stated for the document.
    z.string().meta({ pattern: FIELD_KEY_PATTERN.source }),
    z.union([z.string().max(1000, 'must be at most 1000 characters'), z.number(), z.boolean(), z.null()], {
      error: 'must be a string, number, boolean or null',
    }),
  ),
  MAX_CUSTOM_FIELDS,
  `must have at most ${MAX_CUSTOM_FIELDS} fields`,
).superRefine((values, context) => {
  const keys = Object.keys(values);
  for (const key of keys.filter((candidate) => !FIELD_KEY_PATTERN.test(candidate))) {
    context.addIssue({ code: 'custom', path: [key], message: 'is not a custom field key: see GET /v1/fields' });
  }
});
export type CustomFieldsInput = z.infer<typeof customFieldsInputSchema>;
