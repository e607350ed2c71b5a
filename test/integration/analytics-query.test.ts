import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAnalyticsStore } from '@rapport/data';
import { createAnalyticsProjector, createAnalyticsService, newId, type Actor } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * A dashboard read is a handful of Queries on the aggregate partition, whatever the tenant holds:
 * every command the reports send goes through a client that records it.
 */
let resources: TestResources;
const tenantId = newId();
const clock = { now: () => new Date('2026-06-15T00:00:00Z') };

beforeAll(async () => {
  resources = await createTestResources();
  // Prepare: 40 contacts in 4 regions, channels and owners, each with orders over 3 months.
  const projector = createAnalyticsProjector(new DynamoAnalyticsStore({ client: resources.documents, tableName: resources.tableName, clock }));
  // Each contact's changes in order, as the stream delivers one partition; contacts side by side, as its shards do.
  let sequence = 1000;
  const projectContact = async (index: number) => {
    const contactId = newId();
    const pk = `TENANT#${tenantId}#CONTACT#${contactId}`;
    const slice = String(index % 4);
    await projector.project({
      tenantId,
      source: { pk, sk: 'PROFILE' },
      sequence: String(sequence++),
      newImage: { entity: 'contact', id: contactId, createdAt: '2026-04-02T00:00:00Z', lifecycleStage: 'customer', region: `r${slice}`, sourceChannel: `c${slice}`, ownerId: `u${slice}` },
    });
    for (const month of ['2026-04', '2026-05', '2026-06']) {
      const id = newId();
      await projector.project({
        tenantId,
        source: { pk, sk: `TXN#${id}` },
        sequence: String(sequence++),
        newImage: { entity: 'transaction', id, contactId, time: `${month}-03T00:00:00Z`, amountMinor: 100, currency: 'EUR' },
      });
    }
  };
  for (let batch = 0; batch < 40; batch += 8) await Promise.all(Array.from({ length: 8 }, (_, offset) => projectContact(batch + offset)));
});

function recordingClient() {
  const client = DynamoDBDocumentClient.from(resources.dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const sent: string[] = [];
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  client.send = ((command: { constructor: { name: string } }) => {
    sent.push(command.constructor.name);
    return send(command);
  }) as typeof client.send;
  return { client, sent };
}

const actor = { auth: { tenantId, userId: newId(), sub: 'sub', role: 'owner', permissions: ['analytics:read'] }, request: { requestId: 'r', sourceIp: '127.0.0.1', userAgent: 'vitest' } } as Actor;

describe('analytics reads', () => {
  it.each([
    ['satisfaction', 1],
    ['conversion', 2],
    ['retention', 1],
    ['revenue', 1],
    ['service', 1],
  ] as const)('%s is %i Query of the aggregates, never a Scan or a read of the records', async (report, queries) => {
    // Prepare
    const { client, sent } = recordingClient();
    const service = createAnalyticsService({ reader: new DynamoAnalyticsStore({ client, tableName: resources.tableName, clock }), clock }, actor);

    // Act
    for (const by of ['month', 'region', 'channel', 'owner'] as const) await service[report]({ from: '2026-04', to: '2026-06', by });

    // Assess
    expect(sent).toEqual(Array(4 * queries).fill('QueryCommand'));
  });

  it('reads numbers that match what was projected', async () => {
    const service = createAnalyticsService({ reader: new DynamoAnalyticsStore({ client: resources.documents, tableName: resources.tableName, clock }), clock }, actor);
    const revenue = await service.revenue({ from: '2026-04', to: '2026-06', by: 'region' });
    // 10 customers per region, 3 orders of €1 each: 30 orders, 30 customer-months, all new in April and repeating.
    expect(revenue.rows.map((row) => [row.group, row.orders, row.activeCustomers, row.newCustomers, row.repurchaseRate, row.currencies[0]!.revenueMinor])).toEqual([
      ['r0', 30, 30, 10, 1, 3000],
      ['r1', 30, 30, 10, 1, 3000],
      ['r2', 30, 30, 10, 1, 3000],
      ['r3', 30, 30, 10, 1, 3000],
    ]);
    const retention = await service.retention({ from: '2026-05', to: '2026-06', by: 'month' });
    expect(retention.rows.map((row) => row.retentionRate)).toEqual([1, 1]);
  });
});
