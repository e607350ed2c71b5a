import { afterAll, describe, expect, it, vi } from 'vitest';
import { contactWith } from '../support/marketing-fixtures';
import { useTestApi } from '../support/test-stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** Campaign events leave the product through webhooks (segments stay inside). */
const stack = useTestApi({ eventsPipeline: { retryDelaysSeconds: [0.3] } });
const receivers: WebhookReceiver[] = [];
afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

describe('campaign webhooks', () => {
  it('deliver campaign.launched and campaign.conversion_recorded, naming the converted contact', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const hooks = await startWebhookReceiver();
    receivers.push(hooks);
    await stack.api.request('POST', '/v1/webhooks', { token: owner.token, body: { url: hooks.url, events: ['campaign.launched', 'campaign.conversion_recorded'] } });
    const contactId = await contactWith(stack.api, owner.token, { firstName: 'Ada', region: 'east' });
    const segmentId = (await stack.api.request('POST', '/v1/segments', { token: owner.token, body: { name: 'East', rules: { all: [{ field: 'region', op: 'eq', value: 'east' }] } } })).body.id;
    const campaignId = (await stack.api.request('POST', '/v1/campaigns', { token: owner.token, body: { name: 'Spring', channel: 'sms', segmentId, currency: 'EUR' } })).body.id;

    // Act
    await stack.api.request('POST', `/v1/campaigns/${campaignId}/launch`, { token: owner.token });
    await stack.api.request('POST', `/v1/campaigns/${campaignId}/conversions`, { token: owner.token, body: { contactId, value: '3.00' } });
    await stack.events!.drain();

    // Assess
    await vi.waitFor(() => expect(hooks.received).toHaveLength(2), { timeout: 10_000 });
    const events = hooks.received.map((delivery) => JSON.parse(delivery.body)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['campaign.launched', { id: campaignId, changedFields: ['audienceSize', 'status'] }],
      ['campaign.conversion_recorded', { id: campaignId, changedFields: [], recordId: contactId }],
    ]);
    expect(hooks.received.map((delivery) => delivery.body).join()).not.toContain('Ada');
  });
});
