import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Outbound events end to end on the local stack: a change's audit event on the table stream, the
 * publisher, the local bus, the dispatcher and a real receiver on 127.0.0.1, with retries on short
 * delays.
 */
const RETRY_DELAYS = [0.3, 0.3, 0.3, 0.3, 0.3];
const stack = useTestApi({ eventsPipeline: { retryDelaysSeconds: RETRY_DELAYS } });
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let other: Awaited<ReturnType<typeof stack.api.newTenant>>;
let rep: { token: string };
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  [owner, other] = await Promise.all([stack.api.newTenant(), stack.api.newTenant()]);
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
});
afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

async function receiver(statuses?: number[]) {
  const started = await startWebhookReceiver(statuses);
  receivers.push(started);
  return started;
}

async function subscribe(token: string, url: string, events: string[]) {
  const response = await stack.api.request('POST', '/v1/webhooks', { token, body: { url, events, description: 'CRM sync' } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; secret: string; version: number };
}

const deliveriesOf = async (token: string, webhookId: string, query = '') =>
  (await stack.api.request('GET', `/v1/webhooks/${webhookId}/deliveries${query}`, { token })).body;

/** Items of the table in the tenant's webhook partitions, to prove a refused request wrote nothing. */
const webhookItems = async (tenantId: string) =>
  (
    await stack.documents.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.webhookListing(tenantId).gsi1pk },
      }),
    )
  ).Items ?? [];

describe('webhook deliveries', () => {
  it('delivers a signed contact.created that verifies, naming fields but no personal values', async () => {
    // Prepare
    const hooks = await receiver();
    const webhook = await subscribe(owner.token, hooks.url, ['contact.created']);

    // Act
    const contact = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Ada', email: 'ada@example.com' } })).body;
    await stack.events!.drain();

    // Assess
    await vi.waitFor(() => expect(hooks.received).toHaveLength(1), { timeout: 10_000 });
    const [delivery] = hooks.received;
    const event = new Webhook(webhook.secret).verify(delivery!.body, delivery!.headers as Record<string, string>);
    expect(event).toEqual({
      id: delivery!.headers['webhook-id'],
      type: 'contact.created',
      tenantId: owner.tenantId,
      occurredAt: expect.any(String),
      data: { id: contact.id, changedFields: ['email', 'firstName'] },
    });
    expect(delivery!.body).not.toContain('ada@example.com');
    expect(delivery!.body).not.toContain('Ada');
    const log = await deliveriesOf(owner.token, webhook.id);
    expect(log.items).toMatchObject([{ eventId: delivery!.headers['webhook-id'], eventType: 'contact.created', attempt: 1, status: 'delivered', statusCode: 200, error: null, nextRetryAt: null }]);
    expect(log.items[0].durationMs).toEqual(expect.any(Number));
  });

  it('retries a receiver that answered 500, and the log shows both attempts, newest first', async () => {
    // Prepare
    const hooks = await receiver([500, 200]);
    const webhook = await subscribe(owner.token, hooks.url, ['company.created']);

    // Act
    await stack.api.request('POST', '/v1/companies', { token: owner.token, body: { name: 'Northwind' } });

    // Assess
    await vi.waitFor(() => expect(hooks.received).toHaveLength(2), { timeout: 10_000 });
    const [first, second] = hooks.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(() => new Webhook(webhook.secret).verify(second!.body, second!.headers as Record<string, string>)).not.toThrow();
    const log = await vi.waitFor(async () => {
      const page = await deliveriesOf(owner.token, webhook.id);
      expect(page.items).toHaveLength(2);
      return page;
    });
    expect(log.items).toMatchObject([
      { attempt: 2, status: 'delivered', statusCode: 200, error: null, nextRetryAt: null },
      { attempt: 1, status: 'retrying', statusCode: 500, error: 'the receiver answered 500', nextRetryAt: expect.any(String) },
    ]);
  });

  it('gives up after the last retry and marks the delivery failed; the log pages', async () => {
    // Prepare
    const hooks = await receiver([503]);
    const webhook = await subscribe(owner.token, hooks.url, ['company.created']);

    // Act
    await stack.api.request('POST', '/v1/companies', { token: owner.token, body: { name: 'Contoso' } });

    // Assess
    await vi.waitFor(async () => expect((await deliveriesOf(owner.token, webhook.id)).items).toHaveLength(RETRY_DELAYS.length + 1), { timeout: 15_000 });
    const firstPage = await deliveriesOf(owner.token, webhook.id, '?limit=4');
    const secondPage = await deliveriesOf(owner.token, webhook.id, `?limit=4&cursor=${firstPage.nextCursor}`);
    const attempts = [...firstPage.items, ...secondPage.items];
    expect(attempts.map((attempt: { attempt: number }) => attempt.attempt)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(attempts[0]).toMatchObject({ status: 'failed', statusCode: 503, nextRetryAt: null });
    expect(attempts.slice(1).every((attempt: { status: string }) => attempt.status === 'retrying')).toBe(true);
    expect(secondPage.nextCursor).toBeNull();
    expect(hooks.received).toHaveLength(6);
  });

  it('does not deliver an event type the webhook did not subscribe to, nor what other tenants do', async () => {
    // Prepare
    const hooks = await receiver();
    await subscribe(owner.token, hooks.url, ['contact.deleted']);
    const everything = await receiver();
    await subscribe(owner.token, everything.url, ['*']);

    // Act
    const contact = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Grace', email: 'grace@example.com' } })).body;
    await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Someone else' } });
    await stack.api.request('POST', '/v1/companies', { token: other.token, body: { name: 'Elsewhere' } });
    await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: owner.token, body: { title: 'CTO' } });
    // Internal facts: a read in clear (contact.pii_read), a login, a refusal. None is published.
    await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: owner.token });
    await stack.api.request('POST', '/v1/auth/login', { body: { email: owner.email, password: owner.password } });
    await stack.api.request('DELETE', '/v1/tenant', { token: rep.token, body: { confirm: 'x' } });
    await stack.events!.drain();

    // Assess
    await vi.waitFor(() => expect(everything.received).toHaveLength(2), { timeout: 10_000 });
    await stack.events!.drain();
    expect(hooks.received).toHaveLength(0);
    // EventBridge promises no order between events: receivers order by `occurredAt` if they must.
    expect(everything.events().map((event) => [event.type, event.tenantId, event.data]).sort()).toEqual([
      ['contact.created', owner.tenantId, { id: contact.id, changedFields: ['email', 'firstName'] }],
      ['contact.updated', owner.tenantId, { id: contact.id, changedFields: ['title'] }],
    ]);
  });

  it('signs with the new secret once rotated, and stops delivering once deleted', async () => {
    // Prepare
    const hooks = await receiver();
    const webhook = await subscribe(owner.token, hooks.url, ['company.created', 'company.deleted']);
    const rotated = await stack.api.request('POST', `/v1/webhooks/${webhook.id}/rotate-secret`, { token: owner.token });

    // Act
    await stack.api.request('POST', '/v1/companies', { token: owner.token, body: { name: 'Fabrikam' } });
    await vi.waitFor(() => expect(hooks.received).toHaveLength(1), { timeout: 10_000 });
    const deleted = await stack.api.request('DELETE', `/v1/webhooks/${webhook.id}`, { token: owner.token });
    await stack.api.request('POST', '/v1/companies', { token: owner.token, body: { name: 'Tailspin' } });
    await stack.events!.drain();

    // Assess
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    const [delivery] = hooks.received;
    const headers = delivery!.headers as Record<string, string>;
    expect(() => new Webhook(rotated.body.secret).verify(delivery!.body, headers)).not.toThrow();
    expect(() => new Webhook(webhook.secret).verify(delivery!.body, headers)).toThrow();
    expect(deleted.status).toBe(204);
    expect(hooks.received).toHaveLength(1);
    expect((await stack.api.request('GET', `/v1/webhooks/${webhook.id}`, { token: owner.token })).status).toBe(404);
  });
});

describe('webhook routes', () => {
  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const bad: [unknown, string][] = [
      [{ url: 'http://hooks.example.com/in', events: ['*'] }, 'url'],
      [{ url: 'https://10.0.0.7/in', events: ['*'] }, 'url'],
      [{ url: 'https://169.254.169.254/latest/meta-data', events: ['*'] }, 'url'],
      [{ url: 'ftp://hooks.example.com/in', events: ['*'] }, 'url'],
      [{ url: 'https://user:pw@hooks.example.com/in', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/in\r\nX-Injected: 1', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/i\nn', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/\tin', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/in\u0000', events: ['*'] }, 'url'],
      [{ events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/in', events: ['auth.login'] }, 'events.0'],
      [{ url: 'https://hooks.example.com/in', events: ['contact.pii_read'] }, 'events.0'],
      [{ url: 'https://hooks.example.com/in', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com/in', events: ['*'], secret: 'mine' }, 'secret'],
    ];

    // Act
    const responses = await Promise.all(bad.map(([body]) => stack.api.request('POST', '/v1/webhooks', { token: tenant.token, body })));

    // Assess
    responses.forEach((response, index) => {
      expect(response.status, JSON.stringify(bad[index])).toBe(400);
      expect(response.body.error.details.fields.map((field: { field: string }) => field.field)).toContain(bad[index]![1]);
    });
    expect(await webhookItems(tenant.tenantId)).toEqual([]);
    const webhook = await subscribe(tenant.token, 'https://hooks.example.com/in', ['contact.created']);
    for (const url of ['http://192.168.1.10/in', 'https://hooks.example.com/i\r\nn']) {
      const patch = await stack.api.request('PATCH', `/v1/webhooks/${webhook.id}`, { token: tenant.token, body: { url } });
      expect(patch.status).toBe(400);
      expect(patch.body.error.details.fields[0].field).toBe('url');
    }
    expect((await stack.api.request('GET', `/v1/webhooks/${webhook.id}`, { token: tenant.token })).body).toMatchObject({ url: 'https://hooks.example.com/in', version: 1 });
  });

  it('lists in pages without secrets, shows one, and changes one', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const created = [];
    for (const n of [1, 2, 3]) created.push(await subscribe(tenant.token, `https://hooks${n}.example.com/in`, ['contact.created', 'company.created']));

    // Act
    const first = await stack.api.request('GET', '/v1/webhooks?limit=2', { token: tenant.token });
    const second = await stack.api.request('GET', `/v1/webhooks?limit=2&cursor=${first.body.nextCursor}`, { token: tenant.token });
    const patched = await stack.api.request('PATCH', `/v1/webhooks/${created[0]!.id}`, {
      token: tenant.token,
      headers: { 'if-match': '"1"' },
      body: { events: ['*'], enabled: false, description: null },
    });
    const stale = await stack.api.request('PATCH', `/v1/webhooks/${created[0]!.id}`, { token: tenant.token, headers: { 'if-match': '"1"' }, body: { enabled: true } });
    const one = await stack.api.request('GET', `/v1/webhooks/${created[0]!.id}`, { token: tenant.token });

    // Assess
    expect([...first.body.items, ...second.body.items].map((webhook: { id: string }) => webhook.id)).toEqual(created.map((webhook) => webhook.id));
    expect(second.body.nextCursor).toBeNull();
    expect(JSON.stringify([first.body, second.body, one.body, patched.body])).not.toMatch(/secret/i);
    expect(first.body.items[0]).toMatchObject({ url: 'https://hooks1.example.com/in', events: ['company.created', 'contact.created'], enabled: true, description: 'CRM sync' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ events: ['*'], enabled: false, version: 2 });
    expect(patched.body).not.toHaveProperty('description');
    expect(stale.status).toBe(409);
    expect(one.headers.get('etag')).toBe('"2"');
  });

  it('is only for members with settings:manage', async () => {
    // Act
    const response = await stack.api.request('POST', '/v1/webhooks', { token: rep.token, body: { url: 'https://hooks.example.com/in', events: ['*'] } });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe('settings:manage');
  });
});
