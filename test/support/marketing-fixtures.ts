import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import type { apiClient } from './api-client';

type ApiClient = ReturnType<typeof apiClient>;

const DAY_MS = 86_400_000;
/** An instant `days` days before now. */
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** A contact through the API, with an order `orderDaysAgo` days ago when given. */
export async function contactWith(
  api: ApiClient,
  token: string,
  profile: Record<string, unknown>,
  orderDaysAgo?: number,
): Promise<string> {
  const created = await api.request('POST', '/v1/contacts', { token, body: profile });
  if (created.status !== 201) throw new Error(`contact not created: ${JSON.stringify(created.body)}`);
  if (orderDaysAgo !== undefined) {
    const order = await api.request('POST', `/v1/contacts/${created.body.id}/transactions`, {
      token,
      body: { items: [{ product: 'Tea', quantity: 1, unitPrice: '9.50' }], currency: 'EUR', time: daysAgo(orderDaysAgo) },
    });
    if (order.status !== 201) throw new Error(`order not added: ${JSON.stringify(order.body)}`);
  }
  return created.body.id;
}

/**
 * A customer-scores item exactly as the insights job (prediction, not on this branch) writes it:
 * the cross-area contract of the common brief, written straight into the table.
 */
export async function writeScores(documents: DynamoDBDocumentClient, tableName: string, tenantId: string, contactId: string, [recency, frequency, monetary]: [number, number, number]) {
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.customerScores(tenantId, contactId),
        ...keys.customerScoresListing(tenantId, contactId),
        entity: 'customer-scores',
        contactId,
        recency,
        frequency,
        monetary,
        rfm: `${recency}-${frequency}-${monetary}`,
        lastOrderAt: daysAgo(400),
        orderCount: frequency,
        monetaryMinor: monetary * 1000,
        churnRisk: { score: 0.2, level: 'low', features: [{ name: 'daysSinceLastOrder', value: 10, contribution: 0.1 }] },
        computedAt: new Date().toISOString(),
      },
    }),
  );
}

/** The example of the brief: bought in the last 90 days, in region east, RFM at least 4-4-4. */
export const EXAMPLE_RULES = {
  all: [
    { field: 'purchase', op: 'inLastDays', value: 90 },
    { field: 'region', op: 'eq', value: 'east' },
    { field: 'rfm.recency', op: 'gte', value: 4 },
    { field: 'rfm.frequency', op: 'gte', value: 4 },
    { field: 'rfm.monetary', op: 'gte', value: 4 },
  ],
};
