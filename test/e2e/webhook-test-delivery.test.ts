import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/test-stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** `POST /v1/webhooks/{id}/test`: a signed ping sent by the API at once, logged like any delivery. */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let other: Awaited<ReturnType<typeof stack.api.newTenant>>;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  [owner, other] = await Promise.all([stack.api.newTenant(), stack.api.newTenant()]);
});
afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

async function receiver(statuses?: number[]) {
  const started = await startWebhookReceiver(statuses);
  receivers.push(started);
  return started;
}

async function subscribe(token: string, url: string) {
  const response = await stack.api.request('POST', '/v1/webhooks', { token, body: { url, events: ['contact.created'] } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; secret: string; version: number };
}

describe('POST /v1/webhooks/{id}/test', () => {
  it('sends a signed webhook.test ping now, answers the attempt, and logs it with the deliveries', async () => {
    // Prepare
    const hooks = await receiver();
    const webhook = await subscribe(owner.token, hooks.url);

    // Act
    const response = await stack.api.request('POST', `/v1/webhooks/${webhook.id}/test`, { token: owner.token });

    // Assess
    expect(response.status).toBe(200);
    expect(hooks.received).toHaveLength(1);
    const [delivery] = hooks.received;
    const event = new Webhook(webhook.secret).verify(delivery!.body, delivery!.headers as Record<string, string>);
    expect(event).toEqual({ id: delivery!.headers['webhook-id'], type: 'webhook.test', tenantId: owner.tenantId, occurredAt: expect.any(String), data: { id: webhook.id, changedFields: [] } });
    expect(response.body).toMatchObject({ webhookId: webhook.id, eventId: delivery!.headers['webhook-id'], eventType: 'webhook.test', attempt: 1, status: 'delivered', statusCode: 200, error: null, nextRetryAt: null });
    const log = await stack.api.request('GET', `/v1/webhooks/${webhook.id}/deliveries`, { token: owner.token });
    expect(log.body.items).toEqual([response.body]);
  });

  it('logs a refused ping as failed with the reason, without retrying it', async () => {
    // Prepare
    const hooks = await receiver([503]);
    const webhook = await subscribe(owner.token, hooks.url);

    // Act
    const response = await stack.api.request('POST', `/v1/webhooks/${webhook.id}/test`, { token: owner.token });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'failed', statusCode: 503, error: 'the receiver answered 503', nextRetryAt: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooks.received).toHaveLength(1);
  });

  it('pings a paused webhook too: its owner is checking the receiver', async () => {
    // Prepare
    const hooks = await receiver();
    const webhook = await subscribe(owner.token, hooks.url);
    await stack.api.request('PATCH', `/v1/webhooks/${webhook.id}`, { token: owner.token, body: { enabled: false, version: webhook.version } });

    // Act
    const response = await stack.api.request('POST', `/v1/webhooks/${webhook.id}/test`, { token: owner.token });

    // Assess
    expect(response.body).toMatchObject({ status: 'delivered' });
    expect(hooks.received).toHaveLength(1);
  });

  it("answers 404 for another workspace's webhook and for an unknown one, and sends nothing", async () => {
    // Prepare
    const hooks = await receiver();
    const webhook = await subscribe(owner.token, hooks.url);

    // Act
    const crossTenant = await stack.api.request('POST', `/v1/webhooks/${webhook.id}/test`, { token: other.token });
    const unknown = await stack.api.request('POST', '/v1/webhooks/01ARZ3NDEKTSV4RRFFQ69G5FAV/test', { token: owner.token });

    // Assess
    expect(crossTenant.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(hooks.received).toHaveLength(0);
  });
});
