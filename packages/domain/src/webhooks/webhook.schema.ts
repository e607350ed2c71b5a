import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from './domain-events';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem, type WebhookUrlPolicy } from './webhook-url';
import type { WebhookEventFilter } from './webhook';

const EVENT_FILTERS = ['*', ...DOMAIN_EVENT_TYPES] as [WebhookEventFilter, ...WebhookEventFilter[]];

const eventsSchema = z
  .array(z.enum(EVENT_FILTERS, { error: () => `must be one of ${EVENT_FILTERS.join(', ')}` }), { error: 'must be a list of event types' })
  .min(1, 'must name at least one event type, or *')
  .max(EVENT_FILTERS.length, `must have at most ${EVENT_FILTERS.length} entries`)
  .transform((events) => (events.includes('*') ? ['*' as const] : [...new Set(events)].sort()));

const descriptionSchema = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/** A receiver URL the policy accepts; the message says what is wrong with any other. */
export function webhookUrlSchema(policy: WebhookUrlPolicy) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a URL') })
    .trim()
    .max(MAX_WEBHOOK_URL_LENGTH, `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`)
    .superRefine((value, context) => {
      const problem = webhookUrlProblem(value, policy);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });
}

/** `POST /v1/webhooks`: the URL policy depends on where the stack runs. */
export function webhookCreateSchema(policy: WebhookUrlPolicy) {
  return z.strictObject({ url: webhookUrlSchema(policy), events: eventsSchema, description: descriptionSchema.optional() });
}
export type WebhookCreateInput = z.infer<ReturnType<typeof webhookCreateSchema>>;

/** `PATCH /v1/webhooks/{id}`: `description: null` clears it; `enabled: false` pauses deliveries. */
export function webhookPatchSchema(policy: WebhookUrlPolicy) {
  return z
    .strictObject({
      url: webhookUrlSchema(policy).optional(),
      events: eventsSchema.optional(),
      description: descriptionSchema.nullable().optional(),
      enabled: z.boolean({ error: 'must be true or false' }).optional(),
      version: z.int().min(1).optional(),
    })
    .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
}
export type WebhookPatchInput = z.infer<ReturnType<typeof webhookPatchSchema>>;
