import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AuditedWriter, DynamoCompanyRepository, DynamoContactRepository, INLINE_DELETE_LIMIT, keys } from '@rapport/data';
import { newId, snapshotOf, systemClock, type Audited, type Company, type StoredContact } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * Deleting a contact deletes its whole partition: small partitions in the profile's own audited
 * transaction, large ones right after it in batches; a read after the transaction catches records
 * that slipped in between.
 */
let resources: TestResources;

beforeAll(async () => {
  resources = await createTestResources();
});

const audit = (action: Audited['entry']['action']): Audited => ({
  context: { actor: { userId: 'U', role: 'owner' }, requestId: 'req', sourceIp: '127.0.0.1', userAgent: 'test' },
  entry: { action, target: { type: 'contact', id: 'X' }, outcome: 'success' },
});

/** A document client that records each command's name, and may act after one is answered. */
function recordingClient(afterSend?: (name: string, input: Record<string, any>) => Promise<void>) {
  const client = DynamoDBDocumentClient.from(resources.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sent: { name: string; input: Record<string, any> }[] = [];
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  client.send = (async (command: { constructor: { name: string }; input: Record<string, any> }) => {
    sent.push({ name: command.constructor.name, input: command.input });
    const result = await send(command);
    await afterSend?.(command.constructor.name, command.input);
    return result;
  }) as typeof client.send;
  return { client, sent };
}

const tableOf = (client: DynamoDBDocumentClient) => ({
  client,
  tableName: resources.tableName,
  writer: new AuditedWriter({ client, tableName: resources.tableName, clock: systemClock }),
});

async function aLinkedContactWithRecords(tenantId: string, records: number) {
  const now = new Date().toISOString();
  const company: Company = { id: newId(), name: 'Contoso', ownerId: 'U', contactCount: 0, version: 1, createdAt: now, updatedAt: now };
  const contact: StoredContact = { id: newId(), firstName: 'Jane', ownerId: 'U', companyId: company.id, version: 1, createdAt: now, updatedAt: now };
  const table = tableOf(resources.documents);
  await new DynamoCompanyRepository(table, tenantId).create(company, audit('company.created'));
  await new DynamoContactRepository(table, tenantId).create(contact, audit('contact.created'), snapshotOf(company));
  const items = Array.from({ length: records }, (_, index) => ({
    ...keys.contactRecord(tenantId, contact.id, index % 2 === 0 ? 'TXN' : 'INTERACTION', newId()),
    entity: index % 2 === 0 ? 'transaction' : 'interaction',
    contactId: contact.id,
  }));
  for (let start = 0; start < items.length; start += 25) {
    await resources.documents.send(
      new BatchWriteCommand({ RequestItems: { [resources.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
  return { company, contact };
}

async function partition(tenantId: string, contactId: string) {
  const { Items = [] } = await resources.documents.send(
    new QueryCommand({ TableName: resources.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.contactPartition(tenantId, contactId).pk }, ConsistentRead: true }),
  );
  return Items;
}

describe('deleting a contact', () => {
  it('deletes a small partition in the profile’s own audited transaction, and unlinks the company', async () => {
    // Prepare
    const tenantId = newId();
    // With the company snapshot, exactly as many items as one transaction takes besides the profile.
    const { company, contact } = await aLinkedContactWithRecords(tenantId, INLINE_DELETE_LIMIT - 1);
    const { client, sent } = recordingClient();

    // Act
    await new DynamoContactRepository(tableOf(client), tenantId).delete(contact.id, undefined, audit('contact.deleted'));

    // Assess
    expect(await partition(tenantId, contact.id)).toEqual([]);
    const transactions = sent.filter((call) => call.name === 'TransactWriteCommand');
    expect(transactions).toHaveLength(1);
    // Profile, the records and the company snapshot, the company counter and the audit event (no chain head; the completeness totals follow from the stream).
    expect(transactions[0]!.input.TransactItems).toHaveLength(1 + INLINE_DELETE_LIMIT + 1 + 1);
    expect(sent.some((call) => call.name === 'BatchWriteCommand')).toBe(false);
    expect((await new DynamoCompanyRepository(tableOf(resources.documents), tenantId).get(company.id))?.contactCount).toBe(0);
    expect((await auditEventsInTable(resources.documents, resources.tableName, tenantId)).map((event) => event.action)).toEqual([
      'company.created',
      'contact.created',
      'contact.deleted',
    ]);
  });

  it('deletes a partition over the limit in batches right after the audited transaction', async () => {
    // Prepare
    const tenantId = newId();
    const { company, contact } = await aLinkedContactWithRecords(tenantId, INLINE_DELETE_LIMIT + 30);
    const { client, sent } = recordingClient();

    // Act
    await new DynamoContactRepository(tableOf(client), tenantId).delete(contact.id, undefined, audit('contact.deleted'));

    // Assess
    expect(await partition(tenantId, contact.id)).toEqual([]);
    const names = sent.map((call) => call.name).filter((name) => name !== 'QueryCommand' && name !== 'GetCommand');
    expect(names[0]).toBe('TransactWriteCommand');
    expect(names.slice(1).every((name) => name === 'BatchWriteCommand')).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(1 + Math.ceil((INLINE_DELETE_LIMIT + 30) / 25));
    expect((await new DynamoCompanyRepository(tableOf(resources.documents), tenantId).get(company.id))?.contactCount).toBe(0);
  });

  it('also deletes a record written after the partition was read but before the transaction', async () => {
    // Prepare
    const tenantId = newId();
    const { contact } = await aLinkedContactWithRecords(tenantId, 3);
    let raced = false;
    const { client } = recordingClient(async (name) => {
      if (name !== 'QueryCommand' || raced) return;
      raced = true;
      await resources.documents.send(
        new PutCommand({ TableName: resources.tableName, Item: { ...keys.contactRecord(tenantId, contact.id, 'FEEDBACK', newId()), entity: 'feedback', contactId: contact.id } }),
      );
    });

    // Act
    await new DynamoContactRepository(tableOf(client), tenantId).delete(contact.id, undefined, audit('contact.deleted'));

    // Assess
    expect(raced).toBe(true);
    expect(await partition(tenantId, contact.id)).toEqual([]);
  });

  it('refuses a stale version and deletes nothing', async () => {
    // Prepare
    const tenantId = newId();
    const { contact } = await aLinkedContactWithRecords(tenantId, 3);

    // Act
    const deletion = new DynamoContactRepository(tableOf(resources.documents), tenantId).delete(contact.id, 7, audit('contact.deleted'));

    // Assess
    await expect(deletion).rejects.toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 7, currentVersion: 1 } });
    expect(await partition(tenantId, contact.id)).toHaveLength(5);
  });
});
