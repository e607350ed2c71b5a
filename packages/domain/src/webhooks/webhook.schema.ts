import * as z from 'zod';
import { text } from '../shared/text';
import { DOMAIN_EVENT_TYPES, type WebhookEventFilter } from './domain-events';
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlShapeProblem } from './webhook-url-shape';

const EVENT_FILTERS = ['*', ...DOMAIN_EVENT_TYPES] as [WebhookEventFilter, ...WebhookEventFilter[]];

const eventsSchema = z
  .array(z.enum(EVENT_FILTERS, { error: () => `must be one of ${EVENT_FILTERS.join(', ')}` }), { error: 'must be a list of event types' })
  .min(1, 'must name at least one event type, or *')
  .max(EVENT_FILTERS.length, `must have at most ${EVENT_FILTERS.length} entries`)
  .transform((events) => (events.includes('*') ? ['*' as const] : [...new Set(events)].sort()));

const descriptionSchema = text(500);

/**
 * A receiver URL's shape (absolute, http(s), no credentials). Which URLs are allowed depends on
 * where the stack runs (see `webhookUrlProblem`); the handlers check that after parsing, so that the schemas are the
 * same objects everywhere and the OpenAPI document can be generated from them.
 */
export const webhookUrlSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a URL') })
  .trim()
  .max(MAX_WEBHOOK_URL_LENGTH, `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`)
  // URL parsers drop tabs and line breaks silently, so the URL stored would not be the one
  // delivered to (and a line break is how headers are smuggled): refuse them, and spaces, as sent.
  .refine((url) => !/[\s\u0000-\u001f\u007f]/.test(url), { message: 'must not contain spaces, tabs, line breaks or other control characters', abort: true })
  .superRefine((value, context) => {
    const problem = webhookUrlShapeProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .describe('An absolute https URL, to a public address (the local stack also allows http to loopback)')
  .meta({ format: 'uri', pattern: '^https?://' });

/** `POST /v1/webhooks`. */
export const webhookCreateSchema = z.strictObject({ url: webhookUrlSchema, events: eventsSchema, description: descriptionSchema.optional() });
export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;

/** `PATCH /v1/webhooks/{id}`: `description: null` clears it; `enabled: false` pauses deliveries. */
export const webhookPatchSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: eventsSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    enabled: z.boolean({ error: 'must be true or false' }).optional(),
    version: z.int().min(1).optional(),
  })
  .refine((patch) => Object.keys(patch).some((key) => key !== 'version'), { message: 'must change at least one field' });
export type WebhookPatchInput = z.infer<typeof webhookPatchSchema>;
