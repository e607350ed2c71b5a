import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DataKeyConflictError, KeyNotFoundError, type DataKeyRecord } from '@rapport/crypto';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDataKeyStore } from './data-key-store';
import { keys } from './keys';

function aStore() {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
  const dynamo = mockClient(client);
  return { dynamo, store: new DynamoDataKeyStore({ client, tableName: 'rapport-test', unprocessedRetryDelayMs: 1, unprocessedRetries: 2 }) };
}

function aRecord(overrides: Partial<DataKeyRecord> = {}): DataKeyRecord {
  return { tenantId: 'tenant-a', version: 1, wrappedKey: 'd3JhcHBlZA==', masterKeyId: 'local:0123456789abcdef', createdAt: '2026-03-01T09:00:00.000Z', ...overrides };
}

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const storedItem = (record: DataKeyRecord) => ({ ...keys.dataKey(record.tenantId, record.version), entity: 'data-key', ...record });

describe('DynamoDataKeyStore requests', () => {
  it('reads the latest version as the last item of the tenant\'s key partition, consistently', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo.on(QueryCommand).resolves({ Items: [storedItem(aRecord({ version: 3 }))] });

    // Act
    const latest = await store.latest('tenant-a');

    // Assess
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'rapport-test',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.dataKeys('tenant-a').pk },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    expect(latest).toEqual(aRecord({ version: 3 }));
  });

  it('creates a version only if it does not exist, and reports the lost race as a conflict', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo.on(PutCommand).rejects(conditionFailed());

    // Act
    const attempt = store.create(aRecord({ version: 2 }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(DataKeyConflictError);
    await expect(attempt).rejects.toMatchObject({ tenantId: 'tenant-a', version: 2 });
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'rapport-test',
      Item: storedItem(aRecord({ version: 2 })),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('gets a version by its key, consistently, and strips the key attributes', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo.on(GetCommand).resolves({ Item: storedItem(aRecord()) });

    // Act
    const record = await store.get('tenant-a', 1);

    // Assess
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({ TableName: 'rapport-test', Key: keys.dataKey('tenant-a', 1), ConsistentRead: true });
    expect(record).toEqual(aRecord());
  });

  it('replaces a wrapping only on an existing version', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const attempt = store.replaceWrapped('tenant-a', 4, 'bmV3', 'local:fedcba9876543210');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: keys.dataKey('tenant-a', 4),
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':wrappedKey': 'bmV3', ':masterKeyId': 'local:fedcba9876543210' },
    });
  });

  it('lets other DynamoDB failures through unchanged', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    const outage = new Error('injected: throughput exceeded');
    dynamo.on(PutCommand).rejects(outage);

    // Act
    const attempt = store.create(aRecord());

    // Assess
    await expect(attempt).rejects.toBe(outage);
  });

  it('lists every page of the partition', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [storedItem(aRecord({ version: 1 }))], LastEvaluatedKey: keys.dataKey('tenant-a', 1) })
      .resolvesOnce({ Items: [storedItem(aRecord({ version: 2 }))] });

    // Act
    const records = await store.list('tenant-a');

    // Assess
    expect(records.map((record) => record.version)).toEqual([1, 2]);
    expect(dynamo.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(keys.dataKey('tenant-a', 1));
  });

  it('deletes in batches of 25 and retries what DynamoDB left unprocessed', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    const items = Array.from({ length: 30 }, (_, index) => keys.dataKey('tenant-a', index + 1));
    dynamo.on(QueryCommand).resolves({ Items: items });
    const leftOver = { 'rapport-test': [{ DeleteRequest: { Key: items[0]! } }] };
    dynamo.on(BatchWriteCommand).resolvesOnce({ UnprocessedItems: leftOver }).resolves({ UnprocessedItems: {} });

    // Act
    const deleted = await store.deleteAll('tenant-a');

    // Assess
    expect(deleted).toBe(30);
    const batches = dynamo.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems?.['rapport-test'] ?? []);
    expect(batches.map((batch) => batch.length)).toEqual([25, 1, 5]);
    expect(batches[1]).toEqual(leftOver['rapport-test']);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true, ProjectionExpression: 'pk, sk' });
  });

  it('gives up, loudly, when deletes stay unprocessed', async () => {
    // Prepare
    const { dynamo, store } = aStore();
    dynamo.on(QueryCommand).resolves({ Items: [keys.dataKey('tenant-a', 1)] });
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { 'rapport-test': [{ DeleteRequest: { Key: keys.dataKey('tenant-a', 1) } }] } });

    // Act
    const attempt = store.deleteAll('tenant-a');

    // Assess
    await expect(attempt).rejects.toThrow(/unprocessed after 3 attempts/);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(3);
  });
});
