import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCompletenessTotalsStore, keys } from '@rapport/data';
import { createCompletenessProjector, newId, type SourceChange } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * The workspace completeness totals as the stream projector keeps them, on DynamoDB Local: a
 * batch's contact changes summed into one shard per tenant, and a delivery made again (as Lambda
 * does after a failure, from the same first record, maybe with more records behind it) counted once.
 */
let resources: TestResources;
let projector: ReturnType<typeof createCompletenessProjector>;
const clock = { now: () => new Date('2026-06-15T00:00:00Z') };

beforeAll(async () => {
  resources = await createTestResources();
  projector = createCompletenessProjector(new DynamoCompletenessTotalsStore({ client: resources.documents, tableName: resources.tableName, clock }));
});

/** A contact profile record; the images hold what the table holds (here the ciphertexts are stand-ins: only presence is read). */
function change(tenantId: string, sequence: number, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): SourceChange {
  const id = String((after ?? before)!.id);
  return {
    tenantId,
    source: { pk: keys.contact(tenantId, id).pk, sk: 'PROFILE' },
    sequence: String(sequence),
    ...(before ? { oldImage: { entity: 'contact', ...before } } : {}),
    ...(after ? { newImage: { entity: 'contact', ...after } } : {}),
  };
}

async function totals(tenantId: string) {
  const { Responses } = await resources.documents.send(
    new BatchGetCommand({ RequestItems: { [resources.tableName]: { Keys: keys.contactCompletenessShards(tenantId), ConsistentRead: true } } }),
  );
  const items = Responses?.[resources.tableName] ?? [];
  const sum = (name: string) => items.reduce((total, item) => total + Number(item[name] ?? 0), 0);
  return { contacts: sum('contacts'), scoreSum: sum('scoreSum'), email: sum('filled_email'), tags: sum('filled_tags'), shards: items.length };
}

describe('the completeness totals projector', () => {
  it("sums a batch's creates, updates and deletes per tenant into one shard each, and ignores other records", async () => {
    // Prepare
    const [first, second] = [newId(), newId()];
    const [a, b, c] = [newId(), newId(), newId()];
    const batch = [
      change(first, 101, undefined, { id: a, firstName: 'v1:cipher', email: 'v1:cipher', tags: ['vip'] }),
      change(first, 102, undefined, { id: b, firstName: 'v1:cipher' }),
      { ...change(first, 103, undefined, { id: b }), newImage: { entity: 'transaction', id: newId() } },
      change(first, 104, { id: b, firstName: 'v1:cipher' }, { id: b, firstName: 'v1:cipher', email: 'v1:cipher' }),
      change(second, 105, undefined, { id: c, firstName: 'v1:cipher', lastName: 'v1:cipher' }),
      change(second, 106, { id: c, firstName: 'v1:cipher', lastName: 'v1:cipher' }, undefined),
    ];

    // Act
    const outcome = await projector.project('101', batch);

    // Assess
    expect(outcome).toEqual({ applied: 2, redelivered: 0 });
    expect(await totals(first)).toEqual({ contacts: 2, scoreSum: 35 + 30, email: 2, tags: 1, shards: 1 });
    // Created and deleted in one batch: nothing to add, nothing written.
    expect(await totals(second)).toEqual({ contacts: 0, scoreSum: 0, email: 0, tags: 0, shards: 0 });
  });

  it('counts a delivery made again once, and of a longer redelivery only the records beyond what was applied', async () => {
    // Prepare
    const tenantId = newId();
    const ids = [newId(), newId(), newId()];
    const creates = ids.map((id, i) => change(tenantId, 201 + i, undefined, { id, firstName: 'v1:cipher', email: 'v1:cipher' }));
    await projector.project('201', creates.slice(0, 2));

    // Act
    const again = await projector.project('201', creates.slice(0, 2));
    const longer = await projector.project('201', creates);

    // Assess
    expect(again).toEqual({ applied: 0, redelivered: 1 });
    expect(longer).toEqual({ applied: 1, redelivered: 0 });
    expect(await totals(tenantId)).toMatchObject({ contacts: 3, scoreSum: 90, email: 3 });
  });

  it('spreads deliveries over the shards by their first record, and the report reads them all', async () => {
    // Prepare
    const tenantId = newId();
    const deliveries = Array.from({ length: 8 }, (_, i) => 300 + i * 10);

    // Act
    await Promise.all(deliveries.map((first) => projector.project(String(first), [change(tenantId, first, undefined, { id: newId(), firstName: 'v1:cipher' })])));

    // Assess
    const shards = new Set(deliveries.map((first) => keys.contactCompleteness(tenantId, String(first).padStart(40, '0')).pk));
    expect(shards.size).toBeGreaterThan(1);
    expect(await totals(tenantId)).toMatchObject({ contacts: 8, scoreSum: 80, shards: shards.size });
  });
});
