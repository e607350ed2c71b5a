import type { RouteDefinition } from './route-definition';

/** The webhooks routes (see `route-definition.ts`); their contracts are in `../openapi/contracts/webhooks.ts`. */
export const webhookRoutes = {
  createWebhook: {
    method: 'POST',
    path: '/v1/webhooks',
    handler: 'webhooks/create-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Subscribe a URL to domain events; its signing secret is shown once',
  },
  listWebhooks: {
    method: 'GET',
    path: '/v1/webhooks',
    handler: 'webhooks/list-webhooks',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'The workspace webhooks (never their secrets)',
  },
  getWebhook: {
    method: 'GET',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/get-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'One webhook subscription',
  },
  updateWebhook: {
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/update-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "Change a webhook's URL, events or description, or pause it",
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    handler: 'webhooks/delete-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: 'Remove a webhook subscription',
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    handler: 'webhooks/rotate-webhook-secret',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: "Replace a webhook's signing secret; the new one is shown once",
  },
  testWebhook: {
    method: 'POST',
    path: '/v1/webhooks/{id}/test',
    handler: 'webhooks/test-webhook',
    authorization: 'settings:manage',
    access: { table: 'readWrite', fieldKeys: true },
    summary: 'Send a signed webhook.test ping to the webhook now, and log it with its deliveries',
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    handler: 'webhooks/list-webhook-deliveries',
    authorization: 'settings:manage',
    access: { table: 'readWrite' },
    summary: "A webhook's delivery attempts of the last 30 days, newest first",
  },
} as const satisfies Record<string, RouteDefinition>;
