import * as z from 'zod';
import { instant } from '../shared/text';
import { ULID_PATTERN } from '../shared/ids';
import { emailSchema } from '../tenancy/auth.schema';

/** How many events one request may carry. */
export const MAX_EVENTS_PER_BATCH = 500;

/**
 * One behaviour event from the tenant's site or app. It names its customer by contact id or by
 * email; `id` (the sender's own) makes a resent event count once.
 */
export const behaviourEventSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(64).regex(/^[\w.:-]+$/, 'may contain only letters, digits and _ . : -').optional(),
    type: z.enum(['page_view', 'click', 'dwell']),
    contactId: z.string().regex(ULID_PATTERN, 'must be a contact id').optional(),
    email: emailSchema.optional(),
    url: z.url({ message: 'must be a URL' }).max(2048).optional(),
    /** Seconds spent; required for `dwell`. */
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    occurredAt: instant('must be an ISO 8601 date-time').optional(),
  })
  .refine((event) => event.contactId !== undefined || event.email !== undefined, { message: 'must name the customer by contactId or email', path: ['contactId'] })
  .refine((event) => event.type !== 'dwell' || event.durationSeconds !== undefined, { message: 'is required for dwell events', path: ['durationSeconds'] });
export type BehaviourEventInput = z.infer<typeof behaviourEventSchema>;

export const behaviourBatchSchema = z.strictObject({
  events: z.array(behaviourEventSchema).min(1, 'must hold at least one event').max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
});
export type BehaviourBatch = z.infer<typeof behaviourBatchSchema>;

export { ingestKeyCreateSchema } from './ingest-key.schema';
