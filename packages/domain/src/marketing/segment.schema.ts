import * as z from 'zod';
import { text } from '../shared/text';
import { ruleSetSchema } from './segment-rules';


/** `POST /v1/segments`. */
export const segmentCreateSchema = z.strictObject({
  name: text(200),
  description: text(1000).optional(),
  rules: ruleSetSchema,
});
export type SegmentCreateInput = z.infer<typeof segmentCreateSchema>;

/** `PATCH /v1/segments/{id}`: null clears the description. */
export const segmentPatchSchema = z.strictObject({
  name: text(200).optional(),
  description: text(1000).nullable().optional(),
  rules: ruleSetSchema.optional(),
  version: z.int().min(1).optional(),
});
export type SegmentPatchInput = z.infer<typeof segmentPatchSchema>;
