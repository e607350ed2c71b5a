import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { newId } from '@rapport/domain';

/**
 * Each contacts route, and the DynamoDB call that does its work made directly with the SDK: the
 * ratio of the two is what the API layer (adapter, middleware, auth lookup, validation) costs.
 */
export interface Scenario {
  route: string;
  /** Ids the scenario works on, made before it is timed: through the API, and straight into the table. */
  prepare?: (count: number) => Promise<string[]>;
  prepareDirect?: (count: number) => Promise<string[]>;
  viaApi: (ids: string[], index: number) => Promise<boolean>;
  direct: (ids: string[], index: number) => Promise<unknown>;
}

export interface ScenarioContext {
  apiUrl: string;
  token: string;
  tenantId: string;
  documents: DynamoDBDocumentClient;
  tableName: string;
}

export function contactScenarios(context: ScenarioContext): Scenario[] {
  const { apiUrl, token, tenantId, documents, tableName } = context;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${apiUrl}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    await response.arrayBuffer();
    return response.ok;
  };
  const aContact = (index: number) => ({ firstName: `Bench ${index}`, lastName: 'Load', email: `bench${index}@example.com`, tags: ['bench'] });
  const storedContact = (id: string, index: number) => ({
    ...keys.contact(tenantId, id),
    ...keys.contactListing(tenantId, id),
    entity: 'contact',
    ...aContact(index),
    id,
    ownerId: 'bench',
    version: 1,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  });
  /** Contacts made through the API, so they are stored as the API stores them (encrypted, audited). */
  const seed = async (count: number) => {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 5) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(5, count - start) }, async (_, offset) => {
          const response = await fetch(`${apiUrl}/v1/contacts`, { method: 'POST', headers, body: JSON.stringify(aContact(start + offset)) });
          if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
          return ((await response.json()) as { id: string }).id;
        }),
      );
      ids.push(...batch);
    }
    return ids;
  };
  /** The same number of items written straight to the table, for the direct calls. */
  const seedDirect = async (count: number) => {
    const ids = Array.from({ length: count }, () => newId());
    for (let start = 0; start < ids.length; start += 25) {
      await Promise.all(ids.slice(start, start + 25).map((id, offset) => documents.send(new PutCommand({ TableName: tableName, Item: storedContact(id, start + offset) }))));
    }
    return ids;
  };

  return [
    {
      route: 'POST /v1/contacts',
      viaApi: (_ids, index) => call('POST', '/v1/contacts', aContact(index)),
      direct: (_ids, index) => documents.send(new PutCommand({ TableName: tableName, Item: storedContact(newId(), index), ConditionExpression: 'attribute_not_exists(pk)' })),
    },
    {
      route: 'GET /v1/contacts/{id}',
      prepare: seed,
      prepareDirect: seedDirect,
      viaApi: (ids, index) => call('GET', `/v1/contacts/${ids[index % ids.length]}`),
      direct: (ids, index) => documents.send(new GetCommand({ TableName: tableName, Key: keys.contact(tenantId, ids[index % ids.length]!), ConsistentRead: true })),
    },
    {
      route: 'GET /v1/contacts?limit=25',
      viaApi: () => call('GET', '/v1/contacts?limit=25'),
      direct: () =>
        documents.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :listing',
            ExpressionAttributeValues: { ':listing': keys.contactListing(tenantId).gsi1pk },
            Limit: 25,
          }),
        ),
    },
    {
      route: 'PATCH /v1/contacts/{id}',
      prepare: seed,
      prepareDirect: seedDirect,
      viaApi: (ids, index) => call('PATCH', `/v1/contacts/${ids[index % ids.length]}`, { title: `Title ${index}` }),
      direct: (ids, index) =>
        documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.contact(tenantId, ids[index % ids.length]!),
            UpdateExpression: 'SET #title = :title, #updatedAt = :now ADD #version :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#title': 'title', '#updatedAt': 'updatedAt', '#version': 'version' },
            ExpressionAttributeValues: { ':title': `Title ${index}`, ':now': new Date().toISOString(), ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        ),
    },
    {
      route: 'DELETE /v1/contacts/{id}',
      prepare: seed,
      prepareDirect: seedDirect,
      viaApi: (ids, index) => call('DELETE', `/v1/contacts/${ids[index]}`),
      direct: (ids, index) =>
        documents.send(new DeleteCommand({ TableName: tableName, Key: keys.contact(tenantId, ids[index]!), ConditionExpression: 'attribute_exists(pk)' })),
    },
  ];
}
