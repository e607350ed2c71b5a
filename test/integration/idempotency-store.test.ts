import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuthContext } from '@rapport/domain';
import { DynamoIdempotencyStore, keys } from '@rapport/data';
import { createIdempotentWrites, created, type RequestContext } from '@rapport/http';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

/**
 * The idempotency store on DynamoDB Local behind Powertools' runner: where a key's item lives, and
 * when a key held by an earlier request is free again (its invocation ran out of time, or a day passed).
 */
let resources: TestResources;
beforeAll(async () => {
  resources = await createTestResources();
});
afterEach(() => {
  vi.useRealTimers();
});

const aWrites = () => createIdempotentWrites(new DynamoIdempotencyStore({ client: resources.documents, tableName: resources.tableName }));

function aRequest(key: string, body: unknown = { title: 'Call back' }) {
  const auth: AuthContext = { tenantId: ulid(), userId: ulid(), sub: 'sub', role: 'owner', permissions: [] };
  const event = { headers: { 'idempotency-key': key }, body, pathParameters: null } as unknown as APIGatewayProxyEvent;
  const context = (remainingMs = 10_000) => ({ auth, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => remainingMs }) as unknown as RequestContext;
  return { auth, event, context };
}

describe('DynamoIdempotencyStore on DynamoDB Local', () => {
  it("keeps a key's item under the tenant's own key, digesting caller, route and key, with its TTL a day ahead", async () => {
    // Prepare
    const writes = aWrites();
    const { auth, event, context } = aRequest('order-42');

    // Act
    await writes.answer('createTask', event, context(), async () => created({ id: 'task-1' }));

    // Assess
    const scopeHash = createHash('sha256').update(JSON.stringify([auth.userId, 'createTask', 'order-42'])).digest('base64url');
    const key = keys.idempotency(auth.tenantId, scopeHash);
    expect(key.pk.startsWith(`TENANT#${auth.tenantId}#IDEMPOTENCY#`)).toBe(true);
    const { Item } = await resources.documents.send(new GetCommand({ TableName: resources.tableName, Key: key, ConsistentRead: true }));
    expect(Item).toMatchObject({ entity: 'idempotency', status: 'COMPLETED', responseData: { statusCode: 201, rawBody: '{"id":"task-1"}' } });
    expect(Item!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 24 * 3600 - 60);
  });

  it('frees a key whose first invocation ran out of time: a retry then runs', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    const writes = aWrites();
    const { event, context } = aRequest(randomUUID());
    void writes.answer('createTask', event, context(1_000), () => new Promise(() => {}));
    await vi.waitFor(async () => expect((await writes.answer('createTask', event, context(), async () => created({ id: 'b' })).catch((error: Error) => error))).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' }));

    // Act
    vi.setSystemTime(Date.now() + 2_000);
    const retry = await writes.answer('createTask', event, context(), async () => created({ id: 'second' }));

    // Assess
    expect(retry).toMatchObject({ statusCode: 201, rawBody: '{"id":"second"}' });
  });

  it('forgets a key after a day: the same key then writes again', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    const writes = aWrites();
    const { event, context } = aRequest(randomUUID());
    const first = await writes.answer('createTask', event, context(), async () => created({ id: 'first' }));
    const replay = await writes.answer('createTask', event, context(), async () => created({ id: 'not run' }));

    // Act
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000 + 1_000);
    const dayAfter = await writes.answer('createTask', event, context(), async () => created({ id: 'day after' }));

    // Assess
    expect(first).toMatchObject({ rawBody: '{"id":"first"}' });
    expect(replay).toMatchObject({ rawBody: '{"id":"first"}', headers: { 'idempotent-replayed': 'true' } });
    expect(dayAfter).toMatchObject({ rawBody: '{"id":"day after"}' });
  });
});
