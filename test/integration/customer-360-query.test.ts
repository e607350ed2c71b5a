import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createFieldCipher, InMemoryDataKeyStore, LocalKeyProvider, TenantKeyring } from '@rapport/crypto';
import { AuditedWriter, DynamoAuditLog, DynamoCompanyRepository, DynamoContactRepository, DynamoFieldDefinitionRepository, DynamoCustomerRecordRepository, keys } from '@rapport/data';
import {
  ALL_PERMISSIONS,
  createCompanyService,
  createContactService,
  createCustomerRecordService,
  newId,
  systemClock,
  type Actor,
  type Permission,
} from '@rapport/domain';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * The 360 view is one DynamoDB Query on the contact's partition. Every command the use-case sends
 * goes through a client that records it, so a second read (a GetItem of the profile or the
 * company, a Query per kind) fails the test.
 */
let resources: TestResources;
let dir: string;
let keyring: TenantKeyring;

beforeAll(async () => {
  resources = await createTestResources();
  dir = await mkdtemp(join(tmpdir(), 'rapport-360-it-'));
  keyring = new TenantKeyring({ provider: new LocalKeyProvider({ masterKeyFile: join(dir, 'master.key') }), store: new InMemoryDataKeyStore() });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** A document client over the test table that records the name and input of every command it sends. */
function recordingClient() {
  const client = DynamoDBDocumentClient.from(resources.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sent: { name: string; input: Record<string, any> }[] = [];
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  client.send = ((command: { constructor: { name: string }; input: Record<string, any> }) => {
    sent.push({ name: command.constructor.name, input: command.input });
    return send(command);
  }) as typeof client.send;
  return { client, sent };
}

function anActor(tenantId: string, permissions: readonly Permission[]): Actor {
  return {
    auth: { tenantId, userId: newId(), sub: crypto.randomUUID(), role: 'custom', permissions },
    request: { requestId: crypto.randomUUID(), sourceIp: '127.0.0.1', userAgent: 'vitest' },
  };
}

function servicesFor(client: DynamoDBDocumentClient, actor: Actor) {
  const writer = new AuditedWriter({ client, tableName: resources.tableName, clock: systemClock });
  const table = { client, tableName: resources.tableName, writer };
  const tenantId = actor.auth.tenantId;
  const cipher = createFieldCipher(keyring, tenantId);
  const auditLog = new DynamoAuditLog(writer);
  const contacts = new DynamoContactRepository(table, tenantId);
  const companies = new DynamoCompanyRepository(table, tenantId);
  const fields = new DynamoFieldDefinitionRepository(table, tenantId);
  return {
    companies: createCompanyService({ companies, fields, cipher, auditLog, clock: systemClock }, actor),
    contacts: createContactService({ contacts, companies, cipher, fields, auditLog, clock: systemClock }, actor),
    records: createCustomerRecordService(
      { contacts, records: new DynamoCustomerRecordRepository(table, tenantId), cipher, fields, auditLog, clock: systemClock },
      actor,
    ),
  };
}

/** A contact with a company and some of every kind of record, behaviour included. */
async function aCustomerWithHistory(actor: Actor) {
  const seeding = servicesFor(resources.documents, actor);
  const company = await seeding.companies.create({ name: 'Contoso', industry: 'Retail' });
  const contact = await seeding.contacts.create({ firstName: 'Jane', email: 'jane@contoso.example', companyId: company.id });
  await seeding.records.addTransaction(contact.id, { items: [{ product: 'Tea', quantity: 3, unitPrice: '19.99' }], currency: 'EUR' });
  await seeding.records.addTransaction(contact.id, { items: [{ product: 'Mug', quantity: 1, unitPrice: '8' }], currency: 'USD' });
  await seeding.records.addInteraction(contact.id, { type: 'call', subject: 'Renewal', body: 'Wants a discount' });
  await seeding.records.addFeedback(contact.id, { kind: 'csat', score: 5, comment: 'Lovely' });
  const day = new Date().toISOString().slice(0, 10);
  await resources.documents.send(
    new PutCommand({
      TableName: resources.tableName,
      Item: { ...keys.contactBehaviourDay(actor.auth.tenantId, contact.id, day), entity: 'behaviour-day', contactId: contact.id, day, pageViews: 4, clicks: 1, dwellSeconds: 60 },
    }),
  );
  return { company, contact };
}

describe('the 360 view', () => {
  it('reads the whole customer with one Query of the contact partition, for a caller who sees personal data', async () => {
    // Prepare
    const actor = anActor(newId(), ALL_PERMISSIONS);
    const { company, contact } = await aCustomerWithHistory(actor);
    const { client, sent } = recordingClient();

    // Act
    const view = await servicesFor(client, actor).records.view360(contact.id);

    // Assess
    expect(view).toMatchObject({
      profile: { id: contact.id, email: 'jane@contoso.example' },
      company: { companyId: company.id, name: 'Contoso', industry: 'Retail' },
      transactions: { count: 2, lifetimeAmount: [{ currency: 'EUR', amount: '59.97' }, { currency: 'USD', amount: '8.00' }] },
      timeline: { count: 1, latest: [{ subject: 'Renewal', body: 'Wants a discount' }] },
      feedback: { count: 1, averageCsat: 5, latest: [{ comment: 'Lovely' }] },
      behaviour: { totals: { pageViews: 4, clicks: 1, dwellSeconds: 60 } },
    });
    const queries = sent.filter((call) => call.name === 'QueryCommand');
    expect(queries).toHaveLength(1);
    expect(queries[0]!.input).toMatchObject({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.contactPartition(actor.auth.tenantId, contact.id).pk } });
    expect(queries[0]!.input).not.toHaveProperty('IndexName');
    // Besides the Query: only the audit event of the read in clear, one item of its own that reads nothing shared.
    const others = sent.filter((call) => call.name !== 'QueryCommand');
    expect(others.map((call) => call.name)).toEqual(['PutCommand']);
  });

  it('sends exactly one command, the Query, for a caller who sees personal data masked', async () => {
    // Prepare
    const owner = anActor(newId(), ALL_PERMISSIONS);
    const { contact } = await aCustomerWithHistory(owner);
    const reader = { ...owner, auth: { ...owner.auth, permissions: ['contacts:read', 'contacts:read_all'] as Permission[] } };
    const { client, sent } = recordingClient();

    // Act
    const view = await servicesFor(client, reader).records.view360(contact.id);

    // Assess
    expect(view.profile.email).toBe('j***@contoso.example');
    expect(view.timeline.latest[0]).toMatchObject({ subject: '***', body: '***' });
    expect(sent.map((call) => call.name)).toEqual(['QueryCommand']);
  });

  it('answers NotFound after that one Query for a contact outside the caller’s scope', async () => {
    // Prepare
    const owner = anActor(newId(), ALL_PERMISSIONS);
    const { contact } = await aCustomerWithHistory(owner);
    const rep = anActor(owner.auth.tenantId, ['contacts:read', 'pii:read']);
    const { client, sent } = recordingClient();

    // Act
    const view = servicesFor(client, rep).records.view360(contact.id);

    // Assess
    await expect(view).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(sent.map((call) => call.name)).toEqual(['QueryCommand']);
  });
});
