import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DataKeyConflictError, KeyNotFoundError, type DataKeyRecord } from '@rapport/crypto';
import { DynamoDataKeyStore } from '@rapport/data';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;
let store: DynamoDataKeyStore;

beforeAll(async () => {
  resources = await createTestResources();
  store = new DynamoDataKeyStore({ client: resources.documents, tableName: resources.tableName });
});

function aRecord(overrides: Partial<DataKeyRecord> = {}): DataKeyRecord {
  return {
    tenantId: ulid(),
    version: 1,
    wrappedKey: Buffer.from(`wrapped-${ulid()}`).toString('base64'),
    masterKeyId: 'local:0123456789abcdef',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

async function dataKeyItems() {
  const { Items = [] } = await resources.documents.send(new ScanCommand({ TableName: resources.tableName }));
  return Items.filter((item) => item.entity === 'data-key');
}

describe('DynamoDataKeyStore on DynamoDB Local', () => {
  it('creates versions and reads them back by version, as the latest, and as a list', async () => {
    // Prepare
    const v1 = aRecord();
    const v2 = aRecord({ tenantId: v1.tenantId, version: 2 });

    // Act
    await store.create(v1);
    await store.create(v2);

    // Assess
    expect(await store.get(v1.tenantId, 1)).toEqual(v1);
    expect(await store.get(v1.tenantId, 2)).toEqual(v2);
    expect(await store.latest(v1.tenantId)).toEqual(v2);
    expect(await store.list(v1.tenantId)).toEqual([v1, v2]);
  });

  it('has nothing for a tenant without keys', async () => {
    // Prepare
    const tenantId = ulid();

    // Act
    const [latest, first, all] = await Promise.all([store.latest(tenantId), store.get(tenantId, 1), store.list(tenantId)]);

    // Assess
    expect(latest).toBeNull();
    expect(first).toBeNull();
    expect(all).toEqual([]);
  });

  it('orders versions numerically, past 9', async () => {
    // Prepare
    const tenantId = ulid();
    for (let version = 1; version <= 12; version++) await store.create(aRecord({ tenantId, version }));

    // Act
    const latest = await store.latest(tenantId);
    const all = await store.list(tenantId);

    // Assess
    expect(latest?.version).toBe(12);
    expect(all.map((record) => record.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('refuses to create a version twice and keeps the first', async () => {
    // Prepare
    const first = aRecord();
    await store.create(first);

    // Act
    const again = store.create({ ...first, wrappedKey: Buffer.from('hijack').toString('base64') });

    // Assess
    await expect(again).rejects.toBeInstanceOf(DataKeyConflictError);
    expect(await store.get(first.tenantId, 1)).toEqual(first);
  });

  it('lets exactly one of several racing writers create a version', async () => {
    // Prepare
    const tenantId = ulid();
    const contenders = Array.from({ length: 5 }, () => aRecord({ tenantId }));

    // Act
    const outcomes = await Promise.allSettled(contenders.map((record) => store.create(record)));

    // Assess
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(DataKeyConflictError);
    }
    const winner = contenders[outcomes.findIndex((outcome) => outcome.status === 'fulfilled')];
    expect(await store.list(tenantId)).toEqual([winner]);
  });

  it('replaces the wrapping of an existing version only', async () => {
    // Prepare
    const record = aRecord();
    await store.create(record);

    // Act
    await store.replaceWrapped(record.tenantId, 1, 'cmV3cmFwcGVk', 'local:fedcba9876543210');
    const missing = await store.replaceWrapped(record.tenantId, 2, 'cmV3cmFwcGVk', 'local:fedcba9876543210').catch((error: unknown) => error);

    // Assess
    expect(await store.get(record.tenantId, 1)).toEqual({ ...record, wrappedKey: 'cmV3cmFwcGVk', masterKeyId: 'local:fedcba9876543210' });
    expect(missing).toBeInstanceOf(KeyNotFoundError);
    expect(await store.get(record.tenantId, 2)).toBeNull();
  });

  it('deletes all of a tenant\'s versions, past one batch, and no other tenant\'s', async () => {
    // Prepare
    const tenantId = ulid();
    const other = aRecord();
    await store.create(other);
    await Promise.all(Array.from({ length: 30 }, (_, index) => store.create(aRecord({ tenantId, version: index + 1 }))));

    // Act
    const deleted = await store.deleteAll(tenantId);

    // Assess
    expect(deleted).toBe(30);
    expect(await store.list(tenantId)).toEqual([]);
    expect(await store.latest(tenantId)).toBeNull();
    expect(await store.list(other.tenantId)).toEqual([other]);
    expect(await store.deleteAll(tenantId)).toBe(0);
  });

  it('never reads or changes another tenant\'s keys', async () => {
    // Prepare
    const mine = aRecord();
    const otherTenant = ulid();
    await store.create(mine);

    // Act
    const [got, latest, list] = await Promise.all([store.get(otherTenant, 1), store.latest(otherTenant), store.list(otherTenant)]);
    const replaced = await store.replaceWrapped(otherTenant, 1, 'aGlqYWNr', 'local:fedcba9876543210').catch((error: unknown) => error);
    const deleted = await store.deleteAll(otherTenant);

    // Assess
    expect([got, latest, list, deleted]).toEqual([null, null, [], 0]);
    expect(replaced).toBeInstanceOf(KeyNotFoundError);
    expect(await store.get(mine.tenantId, 1)).toEqual(mine);
  });

  it('writes every key under TENANT#<tenantId>#KEYS, one item per version', async () => {
    // Prepare
    const record = aRecord();

    // Act
    await store.create(record);
    await store.create({ ...record, version: 2 });
    await store.replaceWrapped(record.tenantId, 1, 'cmV3cmFwcGVk', record.masterKeyId);

    // Assess
    const items = await dataKeyItems();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.pk).toBe(`TENANT#${item.tenantId}#KEYS`);
      expect(item.sk).toBe(`DATAKEY#${String(item.version).padStart(12, '0')}`);
    }
    const mine = items.filter((item) => String(item.pk).startsWith(`TENANT#${record.tenantId}#KEYS`));
    expect(mine.map((item) => item.sk).sort()).toEqual(['DATAKEY#000000000001', 'DATAKEY#000000000002']);
    expect(Object.keys(mine[0]!).sort()).toEqual(['createdAt', 'entity', 'masterKeyId', 'pk', 'sk', 'tenantId', 'version', 'wrappedKey']);
  });
});
