import { describeWrittenItem } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { recordHandlerWrites, type RecordedKey } from '../support/dynamodb-write-recorder';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * No per-tenant hot item on the request path: the handlers' DynamoDB traffic goes through a
 * recording proxy while this file drives the API's write routes, and every item a write touched
 * must sit in a record's own partition or be one of the shared items `packages/data` declares
 * (each with who writes it and why it cannot become a hot spot).
 */
const writes = recordHandlerWrites();
const stack = useTestApi({
  importChunkRows: 5,
  interceptDynamoDB: writes.interceptDynamoDB,
});

let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
beforeAll(async () => {
  owner = await stack.api.newTenant();
});

async function call(method: string, path: string, body?: unknown, token = owner.token, expected = [200, 201, 202, 204]) {
  const response = await stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  expect(expected, `${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`).toContain(response.status);
  return response.body;
}

/** Created by the first area, used by the later ones. */
const made = {} as Record<'company' | 'ada' | 'agentToken' | 'agentId', string>;

/** The write routes of each data area, driven once or more as a workspace's people would. */
const AREAS: [string, () => Promise<void>][] = [
  [
    'fields, companies and contacts (create, update, delete, merge, undo, a read in clear)',
    async () => {
      await call('POST', '/v1/fields', { entity: 'contact', key: 'shoe_size', label: 'Shoe size', type: 'number' });
      made.company = (await call('POST', '/v1/companies', { name: 'Northwind Traders', region: 'EMEA' })).id;
      await call('PATCH', `/v1/companies/${made.company}`, { industry: 'Wholesale' });
      const spare = await call('POST', '/v1/companies', { name: 'Spare Co' });
      await call('DELETE', `/v1/companies/${spare.id}`);
      const ada = await call('POST', '/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0001', companyId: made.company, region: 'EMEA', customFields: { shoe_size: 38 } });
      made.ada = ada.id;
      const twin = await call('POST', '/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.l@example.com', companyId: made.company });
      await call('PATCH', `/v1/contacts/${ada.id}`, { title: 'Countess' });
      await call('GET', `/v1/contacts/${ada.id}`);
      const merge = await call('POST', `/v1/contacts/${ada.id}/merge`, { sourceId: twin.id });
      await call('POST', `/v1/contacts/${ada.id}/merge/${merge.mergeId}/undo`, {});
      const gone = await call('POST', '/v1/contacts', { firstName: 'Gone', email: 'gone@example.com' });
      await call('DELETE', `/v1/contacts/${gone.id}`);
    },
  ],
  [
    'a customer\'s records and behaviour events',
    async () => {
      await call('POST', `/v1/contacts/${made.ada}/transactions`, { items: [{ product: 'Tea', quantity: 2, unitPrice: '4.25' }], currency: 'EUR' });
      await call('POST', `/v1/contacts/${made.ada}/interactions`, { type: 'call', direction: 'outbound', durationSeconds: 60 });
      await call('POST', `/v1/contacts/${made.ada}/feedback`, { kind: 'complaint', comment: 'Late', channel: 'phone' });
      const key = await call('POST', '/v1/ingest-keys', { name: 'Website' });
      const ingested = await stack.api.request('POST', '/v1/events', { body: { events: [{ type: 'click', contactId: made.ada, occurredAt: new Date().toISOString() }] }, headers: { 'x-ingest-key': key.secret } });
      expect(ingested.status, JSON.stringify(ingested.body)).toBe(202);
    },
  ],
  [
    'pipelines and deals, lead conversion',
    async () => {
      const pipeline = await call('POST', '/v1/pipelines', { name: 'Enterprise', stages: [{ name: 'Early', probability: 10 }, { name: 'Late', probability: 60 }] });
      const deal = await call('POST', '/v1/deals', { title: 'Tea', contactId: made.ada, amount: '10.00', currency: 'EUR', expectedCloseDate: '2026-12-31', pipelineId: pipeline.id, stageId: pipeline.stages[0].id });
      await call('POST', `/v1/deals/${deal.id}/move`, { stageId: pipeline.stages[1].id });
      await call('POST', `/v1/deals/${deal.id}/won`, {});
      const lead = await call('POST', '/v1/contacts', { firstName: 'Lea', lifecycleStage: 'lead' });
      await call('POST', `/v1/contacts/${lead.id}/convert`, { title: 'First order', amount: '10.00', currency: 'EUR', expectedCloseDate: '2026-12-24' });
    },
  ],
  [
    'tickets and the SLA policy',
    async () => {
      const agent = await joinAs(stack.api, owner.token, stack.mailDir, 'support_agent', inviteTokenFor);
      await call('PUT', '/v1/tickets/sla', { targets: Object.fromEntries(['low', 'normal', 'high', 'urgent'].map((priority) => [priority, { firstResponseMinutes: 60, resolutionMinutes: 600 }])) });
      const ticket = await call('POST', '/v1/tickets', { subject: 'Parcel', contactId: made.ada, priority: 'high', assigneeId: agent.userId });
      await call('POST', `/v1/tickets/${ticket.id}/replies`, { body: 'On it' }, agent.token);
      await call('POST', `/v1/tickets/${ticket.id}/resolve`, undefined, agent.token);
    },
  ],
  [
    'tasks',
    async () => {
      const dueAt = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
      const task = await call('POST', '/v1/tasks', { title: 'Follow up', type: 'follow_up', contactId: made.ada, dueAt: dueAt(24) });
      await call('PATCH', `/v1/tasks/${task.id}`, { title: 'Follow up soon' });
      await call('POST', `/v1/tasks/${task.id}/complete`);
      const spare = await call('POST', '/v1/tasks', { title: 'Spare', type: 'call', dueAt: dueAt(1) });
      await call('DELETE', `/v1/tasks/${spare.id}`);
    },
  ],
  [
    'segments and campaigns (launch, a conversion)',
    async () => {
      const segment = await call('POST', '/v1/segments', { name: 'EMEA', rules: { all: [{ field: 'region', op: 'eq', value: 'EMEA' }] } });
      const campaign = await call('POST', '/v1/campaigns', { name: 'Spring', channel: 'sms', segmentId: segment.id, currency: 'EUR' });
      await call('POST', `/v1/campaigns/${campaign.id}/launch`);
      await call('POST', `/v1/campaigns/${campaign.id}/conversions`, { contactId: made.ada, value: '3.00' });
    },
  ],
  [
    'roles, users, webhooks, the data key and the insights run',
    async () => {
      const role = await call('POST', '/v1/roles', { name: 'Viewers', permissions: ['contacts:read'] });
      await call('PATCH', `/v1/roles/${role.id}`, { name: 'Readers' });
      const member = await joinAs(stack.api, owner.token, stack.mailDir, role.id, inviteTokenFor);
      await call('PATCH', `/v1/users/${member.userId}`, { roleId: 'read_only' });
      await call('DELETE', `/v1/roles/${role.id}`);
      await call('DELETE', `/v1/users/${member.userId}`);
      const webhook = await call('POST', '/v1/webhooks', { url: 'https://hooks.example.com/in', events: ['*'] });
      await call('PATCH', `/v1/webhooks/${webhook.id}`, { events: ['contact.created'] });
      await call('POST', '/v1/tenant/keys/rotate');
      await call('POST', '/v1/insights/recompute');
      await stack.queue.drain();
    },
  ],
  [
    'a contact import, committed and run by the worker in chunks',
    async () => {
      const rows = Array.from({ length: 12 }, (_, i) => `Person${i},Smith,person${i}@example.com`);
      const created = await call('POST', '/v1/imports', { entity: 'contacts', fileName: 'people.csv' });
      const put = await fetch(created.upload.url, { method: 'PUT', body: ['First Name,Last Name,Email', ...rows].join('\r\n'), headers: created.upload.headers });
      expect(put.status).toBe(200);
      const preview = await call('GET', `/v1/imports/${created.id}/preview`);
      await call('PUT', `/v1/imports/${created.id}/mapping`, { columns: preview.suggestedMapping });
      await call('POST', `/v1/imports/${created.id}/commit`);
      await stack.queue.drain();
      expect((await call('GET', `/v1/imports/${created.id}`)).status).toBe('completed');
    },
  ],
];

describe('the items a request path writes', () => {
  it.each(AREAS)('are each in a record\'s own partition or a declared shared item: %s', async (_area, drive) => {
    // Prepare
    writes.recorder().clear();

    // Act
    await drive();

    // Assess
    const written: RecordedKey[] = writes.recorder().writes.flatMap((write) => write.keys);
    expect(written.length).toBeGreaterThan(0);
    for (const key of written) expect(key.pk.startsWith(`TENANT#${owner.tenantId}`), `${key.pk} ${key.sk}`).toBe(true);
    const undeclared = written.filter((key) => describeWrittenItem(key) === undefined).map((key) => `${key.pk} ${key.sk}`);
    expect(undeclared).toEqual([]);
  }, 120_000);
});
