import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { recordHandlerWrites } from '../support/dynamodb-write-recorder';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { fuzz, type FuzzTarget } from './fuzzer';
import { describeFailure, totalsOf, writeFuzzSection } from './results';

/**
 * The fuzz suite: every operation of the OpenAPI document, driven with inputs drawn from its own
 * schemas (valid, and wrong in one place), as the owner of a seeded workspace and as strangers.
 * Short in CI (FUZZ_RUNS, default 2,100 requests); `npm run fuzz` runs the long form. The seed is
 * printed and taken from FUZZ_SEED, so a failure is reproduced by running again with it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_100);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

const writes = recordHandlerWrites();
const stack = useTestApi({ interceptDynamoDB: writes.interceptDynamoDB });
let target: FuzzTarget;

async function created(method: string, path: string, token: string, body?: unknown) {
  const response = await stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  if (response.status >= 300) throw new Error(`seeding ${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A workspace with a few records of every kind, so generated ids sometimes name one. */
async function seedWorkspace() {
  const owner = await stack.api.newTenant({ companyName: `Fuzz ${crypto.randomUUID()}` });
  const member = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
  const spare = await created('POST', '/v1/users', owner.token, { email: `spare-${crypto.randomUUID()}@example.com`, name: 'Spare Person', roleId: 'read_only' });
  const receiver = await startWebhookReceiver();
  const post = (path: string, body?: unknown) => created('POST', path, owner.token, body);
  const company = await post('/v1/companies', { name: 'Northwind Traders', region: 'EMEA' });
  const ada = await post('/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0001', companyId: company.id, lifecycleStage: 'customer', tags: ['vip'] });
  const lead = await post('/v1/contacts', { firstName: 'Lea', lastName: 'Lovelace', email: 'ada.l@example.com', companyId: company.id });
  await post(`/v1/contacts/${ada.id}/transactions`, { items: [{ product: 'Tea', quantity: 2, unitPrice: '4.25' }], currency: 'EUR' });
  await post(`/v1/contacts/${ada.id}/feedback`, { kind: 'nps', score: 9 });
  const field = await post('/v1/fields', { entity: 'contact', key: 'shoe_size', label: 'Shoe size', type: 'number' });
  const pipeline = await post('/v1/pipelines', { name: 'Enterprise', stages: [{ name: 'Early', probability: 10 }, { name: 'Late', probability: 60 }] });
  const deal = await post('/v1/deals', { title: 'Tea', contactId: ada.id, amount: '10.00', currency: 'EUR', expectedCloseDate: '2026-12-31', pipelineId: pipeline.id, stageId: pipeline.stages[0].id });
  const task = await post('/v1/tasks', { title: 'Follow up', type: 'follow_up', contactId: ada.id, dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  const ticket = await post('/v1/tickets', { subject: 'Parcel', contactId: ada.id, priority: 'high' });
  const segment = await post('/v1/segments', { name: 'EMEA', rules: { all: [{ field: 'region', op: 'eq', value: 'EMEA' }] } });
  const campaign = await post('/v1/campaigns', { name: 'Spring', channel: 'email', segmentId: segment.id, currency: 'EUR' });
  const webhook = await post('/v1/webhooks', { url: receiver.url, events: ['*'] });
  const role = await post('/v1/roles', { name: 'Viewers', permissions: ['contacts:read'] });
  const ingestKey = await post('/v1/ingest-keys', { name: 'Website' });
  const upload = await post('/v1/imports', { entity: 'contacts', fileName: 'people.csv' });
  await fetch(upload.upload.url, { method: 'PUT', body: 'First Name,Email\r\nGrace,grace@example.com', headers: upload.upload.headers });
  const list = await created('GET', '/v1/contacts?limit=1', owner.token);
  const ids = new Map<string, Set<string>>(
    Object.entries({
      contactId: [ada.id, lead.id],
      sourceId: [lead.id],
      companyId: [company.id],
      fieldId: [field.id],
      pipelineId: [pipeline.id],
      stageId: pipeline.stages.map((stage: { id: string }) => stage.id),
      dealId: [deal.id],
      taskId: [task.id],
      ticketId: [ticket.id],
      segmentId: [segment.id],
      campaignId: [campaign.id],
      webhookId: [webhook.id],
      roleId: [role.id, 'read_only', 'sales_rep', 'admin'],
      // Only the spare user is changed through /v1/users/{id}: disabling the owner would end the run.
      userId: [spare.id],
      ownerId: [owner.userId, member.userId],
      assigneeId: [owner.userId, member.userId],
      'ingest-keyId': [ingestKey.id],
      importId: [upload.id],
      cursor: list.nextCursor ? [list.nextCursor] : [],
    }).map(([name, values]) => [name, new Set(values as string[])]),
  );
  target = {
    stack,
    writes: writes.recorder,
    credentials: {
      owner: owner.token,
      member: member.token,
      ingestKey: ingestKey.secret,
      refreshMember: async () => (await stack.api.request('POST', '/v1/auth/login', { body: { email: member.email, password: member.password } })).body.accessToken,
    },
    ids,
    // A local receiver, and a loopback port nothing listens on: a webhook test answers at once.
    urls: [receiver.url, 'http://127.0.0.1:9/hooks'],
  };
}

beforeAll(seedWorkspace, 120_000);

describe('the API under generated input', () => {
  it(`answers ${RUNS} generated requests over every operation with documented statuses and bodies, no 5xx, and no write on a 4xx (seed ${SEED})`, async () => {
    // Act
    const result = await fuzz(target, { seed: SEED, runs: RUNS });
    const file = writeFuzzSection(result);
    const totals = totalsOf(result);
    console.log(
      `fuzz (seed ${SEED}): ${result.requests} requests over ${result.operations.length} operations in ${Math.round(result.durationMs / 1000)} s, ${totals.valid} drawn valid; ` +
        `5xx ${totals.serverErrors}, writes on a 4xx ${totals.writesOn4xx}, contract violations ${totals.contractViolations} (${file}; npm run harden:report)`,
    );

    // Assess
    const report = result.failures.slice(0, 20).map(describeFailure).join('\n\n');
    expect(result.failures, `seed ${SEED} (FUZZ_SEED=${SEED} reproduces the run):\n${report}`).toEqual([]);
    expect(result.requests).toBe(RUNS);
    expect(result.operations.every((operation) => operation.requests > 0)).toBe(true);
  }, Math.max(180_000, RUNS * 250));
});
