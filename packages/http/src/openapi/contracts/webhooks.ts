import { DOMAIN_EVENT_TYPES, TEST_EVENT_TYPE, ULID_PATTERN, webhookCreateSchema, webhookPatchSchema, type DomainEventType } from '@rapport/domain';
import * as z from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { webhookRoutes } from '../../routes/webhooks';

/** The `{id}` path parameter of the webhook routes. */
export const webhookIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a webhook id') });

/** `?limit=&cursor=` of the webhook lists. */
export const webhookPageQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

const eventTypeSchema = z.enum(DOMAIN_EVENT_TYPES as [DomainEventType, ...DomainEventType[]]);

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.union([eventTypeSchema, z.literal('*')])).describe('The event types delivered, or * for all'),
    description: z.string().optional(),
    enabled: z.boolean().describe('False: deliveries are paused'),
    createdBy: z.string(),
    ...versioned,
  })
  .meta({ id: 'Webhook' });

/** Only in the answers that create or rotate it. */
const withSecret = webhookSchema.extend({ secret: z.string().describe('Verifies the signature of deliveries (Standard Webhooks); shown only now') });

const deliveryAttemptSchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.union([eventTypeSchema, z.literal(TEST_EVENT_TYPE)]).describe('A domain event type, or webhook.test for a test ping'),
    attempt: z.int().min(1),
    status: z.enum(['delivered', 'retrying', 'failed']),
    statusCode: z.int().nullable().describe("The receiver's status; null when there was no answer"),
    durationMs: z.number().min(0),
    error: z.string().nullable().describe('Why the attempt failed, in our words'),
    attemptedAt: z.iso.datetime(),
    nextRetryAt: z.iso.datetime().nullable().describe('Null once delivered or given up'),
  })
  .meta({ id: 'WebhookDelivery' });

const changed = 'The webhook changed since the version sent (If-Match or version)';

export const webhookContracts = {
  createWebhook: {
    tag: 'webhooks',
    request: { body: webhookCreateSchema },
    responses: { 201: { description: 'The webhook with its signing secret (shown only here), ETag and Location', body: withSecret, headers: ETAG_AND_LOCATION } },
  },
  listWebhooks: {
    tag: 'webhooks',
    request: { query: webhookPageQuery },
    responses: okWith(pageOf(webhookSchema), 'A page of webhooks, oldest first, without their secrets'),
  },
  getWebhook: {
    tag: 'webhooks',
    request: { params: webhookIdParams },
    responses: okWith(webhookSchema, 'The webhook, with its ETag', ETAG),
  },
  updateWebhook: {
    tag: 'webhooks',
    ifMatch: true,
    request: { params: webhookIdParams, body: webhookPatchSchema },
    responses: okWith(webhookSchema, 'The changed webhook, with its new ETag', ETAG),
    errors: { 409: changed },
  },
  deleteWebhook: {
    tag: 'webhooks',
    request: { params: webhookIdParams },
    responses: { 204: { ...noContentResponse, description: 'Deleted, with its delivery log' } },
  },
  rotateWebhookSecret: {
    tag: 'webhooks',
    request: { params: webhookIdParams },
    responses: okWith(withSecret, 'The webhook with its new secret (the old one stops verifying at once), and its new ETag', ETAG),
    errors: { 409: 'The webhook changed while the secret was rotated; retry' },
  },
  testWebhook: {
    tag: 'webhooks',
    request: { params: webhookIdParams },
    responses: okWith(deliveryAttemptSchema, 'The attempt, as logged: delivered on a 2xx from the receiver, else failed with the reason (a test is not retried)'),
  },
  listWebhookDeliveries: {
    tag: 'webhooks',
    request: { params: webhookIdParams, query: webhookPageQuery },
    responses: okWith(pageOf(deliveryAttemptSchema), 'A page of delivery attempts of the last 30 days, newest first'),
  },
} satisfies Record<keyof typeof webhookRoutes, RouteContract>;

/** The webhooks routes with their contracts, as the handlers are built from them. */
export const webhookEndpoints = /* @__PURE__ */ endpointsOf(webhookRoutes, webhookContracts);
