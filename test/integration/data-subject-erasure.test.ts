import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AuditedWriter, DynamoContactRepository, DynamoDataSubjectStore, DynamoTaskRepository, keys } from '@rapport/data';
import { newId, systemClock, type Audited, type ErasedCounts, type StoredContact, type Task } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * An erasure cut short leaves no half-erased person: the records outside the contact's partition go
 * first, the profile last in the audited transaction, so after a failure the person is still
 * there, no erasure is audited, and the same request sent again finishes the work.
 */
let resources: TestResources;

beforeAll(async () => {
  resources = await createTestResources();
});

const audited = (action: Audited['entry']['action'], details?: Record<string, number>): Audited => ({
  context: { actor: { userId: 'U', role: 'owner' }, requestId: 'req', sourceIp: '127.0.0.1', userAgent: 'test' },
  entry: { action, target: { type: 'contact', id: 'X' }, outcome: 'success', ...(details ? { details } : {}) },
});

/** A document client whose first transaction fails, as DynamoDB or the network may make it. */
function failingFirstTransaction() {
  const client = DynamoDBDocumentClient.from(resources.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  let failed = false;
  client.send = (async (command: unknown) => {
    if (command instanceof TransactWriteCommand && !failed) {
      failed = true;
      throw new Error('injected: the transaction did not go through');
    }
    return send(command);
  }) as typeof client.send;
  return client;
}

const tableOf = (client: DynamoDBDocumentClient) => ({ client, tableName: resources.tableName, writer: new AuditedWriter({ client, tableName: resources.tableName, clock: systemClock }) });

async function aPersonWithATaskAndAnOrder(tenantId: string) {
  const now = new Date().toISOString();
  const table = tableOf(resources.documents);
  const contact: StoredContact = { id: newId(), firstName: 'Jane', ownerId: 'U', version: 1, createdAt: now, updatedAt: now };
  await new DynamoContactRepository(table, tenantId).create(contact, audited('contact.created'));
  const task: Task = { id: newId(), title: 'Call Jane', type: 'call', status: 'open', dueAt: now, assigneeId: 'U', contactId: contact.id, createdBy: 'U', version: 1, createdAt: now, updatedAt: now };
  await new DynamoTaskRepository(table, tenantId).create(task, audited('task.created'), { armed: false });
  await resources.documents.send(
    new PutCommand({ TableName: resources.tableName, Item: { ...keys.contactRecord(tenantId, contact.id, 'TXN', newId()), entity: 'transaction', contactId: contact.id } }),
  );
  return { contactId: contact.id, taskId: task.id };
}

const exists = async (key: { pk: string; sk: string }) => (await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: key, ConsistentRead: true }))).Item !== undefined;
const erasureAudit = (counts: ErasedCounts) => audited('contact.erased', { ...counts });

describe('an erasure cut short', () => {
  it('leaves the person there and unaudited, and the same request finishes it', async () => {
    // Prepare
    const tenantId = newId();
    const { contactId, taskId } = await aPersonWithATaskAndAnOrder(tenantId);

    // Act: the profile's transaction fails
    const cut = new DynamoDataSubjectStore(tableOf(failingFirstTransaction()), tenantId).erase(contactId, erasureAudit);

    // Assess
    await expect(cut).rejects.toThrow(/injected/);
    expect(await exists(keys.contact(tenantId, contactId))).toBe(true);
    expect(await exists(keys.task(tenantId, taskId))).toBe(false);
    const erasuresAfterFailure = (await auditEventsInTable(resources.documents, resources.tableName, tenantId)).filter((event) => event.action === 'contact.erased');
    expect(erasuresAfterFailure).toEqual([]);

    // Act: the request again
    const counts = await new DynamoDataSubjectStore(tableOf(resources.documents), tenantId).erase(contactId, erasureAudit);

    // Assess: finished, and counted as what this call erased
    expect(counts).toMatchObject({ contacts: 1, transactions: 1, tasks: 0 });
    expect(await exists(keys.contact(tenantId, contactId))).toBe(false);
    const erasures = (await auditEventsInTable(resources.documents, resources.tableName, tenantId)).filter((event) => event.action === 'contact.erased');
    expect(erasures).toHaveLength(1);
    await expect(new DynamoDataSubjectStore(tableOf(resources.documents), tenantId).erase(contactId, erasureAudit)).rejects.toMatchObject({ name: 'NotFoundError' });
  }, 120_000);
});
