import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * `Idempotency-Key` through the public API on the local stack: a retried write gets the first
 * answer and writes once; the key is scoped by tenant, caller and route, and bound to the body.
 */
const stack = useTestApi();
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;

const aTask = (title = 'Call back') => ({ title, type: 'call', dueAt: '2030-01-01T09:00:00Z' });

const postTask = (token: string, key: string | undefined, body: unknown) =>
  stack.api.request('POST', '/v1/tasks', { token, body, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });

/** A tenant's tasks, open ones, read from the table's listing (not through the API under test). */
async function taskIds(tenantId: string): Promise<string[]> {
  const page = await stack.documents.send(
    new QueryCommand({
      TableName: stack.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :listing',
      ExpressionAttributeValues: { ':listing': keys.taskListing(tenantId, 'open').gsi1pk },
    }),
  );
  return (page.Items ?? []).map((item) => String(item.gsi1sk).split('#').pop()!);
}

async function auditedActions(tenantId: string, action: string): Promise<number> {
  return (await auditEventsInTable(stack.documents, stack.tableName, tenantId)).filter((event) => event.action === action).length;
}

describe('Idempotency-Key on POST /v1/tasks', () => {
  let owner: Tenant;
  beforeAll(async () => {
    owner = await stack.api.newTenant();
  });

  it('answers a retry with the first answer and creates one task, audited once', async () => {
    // Prepare
    const key = randomUUID();
    const before = await taskIds(owner.tenantId);
    const audited = await auditedActions(owner.tenantId, 'task.created');

    // Act
    const first = await postTask(owner.token, key, aTask('Retried'));
    const retry = await postTask(owner.token, key, aTask('Retried'));

    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    const created = (await taskIds(owner.tenantId)).filter((id) => !before.includes(id));
    expect(created).toEqual([first.body.id]);
    const listed = await stack.api.request('GET', '/v1/tasks', { token: owner.token });
    expect(listed.body.items.filter((task: { title: string }) => task.title === 'Retried')).toHaveLength(1);
    expect(await auditedActions(owner.tenantId, 'task.created')).toBe(audited + 1);
  });

  it('refuses the same key with another body with 422 naming the header, writing nothing', async () => {
    // Prepare
    const key = randomUUID();
    const first = await postTask(owner.token, key, aTask('First body'));
    const tasks = await taskIds(owner.tenantId);
    const audited = await auditedActions(owner.tenantId, 'task.created');

    // Act
    const reused = await postTask(owner.token, key, aTask('Another body'));

    // Assess
    expect(first.status).toBe(201);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.error.message).toContain('Idempotency-Key');
    expect(await taskIds(owner.tenantId)).toEqual(tasks);
    expect(await auditedActions(owner.tenantId, 'task.created')).toBe(audited);
  });

  it('keeps the same key independent in another tenant and for another user', async () => {
    // Prepare
    const key = randomUUID();
    const other = await stack.api.newTenant();
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const mine = await postTask(owner.token, key, aTask('Shared key'));

    // Act
    const theirs = await postTask(other.token, key, aTask('Shared key'));
    const colleagues = await postTask(rep.token, key, aTask('Shared key'));

    // Assess
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(colleagues.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(colleagues.headers.get('idempotent-replayed')).toBeNull();
    expect(new Set([mine.body.id, theirs.body.id, colleagues.body.id]).size).toBe(3);
    expect(await taskIds(other.tenantId)).toEqual([theirs.body.id]);
  });

  it('creates exactly one task from concurrent duplicates: the others get its answer or a 409', async () => {
    // Prepare
    const key = randomUUID();
    const before = await taskIds(owner.tenantId);

    // Act
    const answers = await Promise.all(Array.from({ length: 6 }, () => postTask(owner.token, key, aTask('Concurrent'))));

    // Assess
    const created = (await taskIds(owner.tenantId)).filter((id) => !before.includes(id));
    expect(created).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 201) {
        expect(answer.body.id).toBe(created[0]);
      } else {
        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      }
    }
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps nothing for a refused first try, so the fixed retry with the same key succeeds', async () => {
    // Prepare
    const key = randomUUID();
    const tasks = await taskIds(owner.tenantId);

    // Act
    const refused = await postTask(owner.token, key, { ...aTask('Fixed'), dueAt: 'tomorrow' });
    const fixed = await postTask(owner.token, key, aTask('Fixed'));

    // Assess
    expect(refused.status).toBe(400);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect((await taskIds(owner.tenantId)).filter((id) => !tasks.includes(id))).toEqual([fixed.body.id]);
  });

  it.each([
    ['too long', 'k'.repeat(256)],
    ['not ASCII', 'clé-1'],
    ['empty', ''],
  ])('refuses a key %s with 400 naming the header, writing nothing', async (_case, key) => {
    // Prepare
    const tasks = await taskIds(owner.tenantId);

    // Act
    const response = await postTask(owner.token, key, aTask('Bad key'));

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await taskIds(owner.tenantId)).toEqual(tasks);
  });
});

describe('Idempotency-Key on a route that moves something (POST /v1/tasks/{id}/complete)', () => {
  it('completes once: the retry gets the first answer, one completion audited; the key on another path is a 422', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const task = await postTask(owner.token, undefined, aTask('To finish'));
    const other = await postTask(owner.token, undefined, aTask('Another'));
    const key = randomUUID();
    const complete = (id: string) => stack.api.request('POST', `/v1/tasks/${id}/complete`, { token: owner.token, headers: { 'idempotency-key': key } });

    // Act
    const first = await complete(task.body.id);
    const retry = await complete(task.body.id);
    const elsewhere = await complete(other.body.id);

    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await auditedActions(owner.tenantId, 'task.completed')).toBe(1);
    expect(elsewhere.status).toBe(422);
    const untouched = await stack.api.request('GET', `/v1/tasks/${other.body.id}`, { token: owner.token });
    expect(untouched.body.status).toBe('open');
  });
});

describe('Idempotency-Key on a route whose answer holds personal fields (POST /v1/contacts)', () => {
  it('keeps the first answer encrypted under the tenant key, and answers the retry with it in clear', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const email = `kept-${randomUUID()}@example.com`;
    const body = { firstName: 'Margaret', lastName: 'Peacock', email };
    const key = randomUUID();
    const post = () => stack.api.request('POST', '/v1/contacts', { token: owner.token, body, headers: { 'idempotency-key': key } });

    // Act
    const first = await post();
    const retry = await post();

    // Assess
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const kept = await keptAnswer(owner.tenantId, [owner.userId, 'createContact', key]);
    expect(kept).toMatchObject({ entity: 'idempotency', status: 'COMPLETED' });
    expect(String(kept!.responseData)).toMatch(/^enc:v1:/);
    expect(JSON.stringify(kept)).not.toContain(email);
    expect(kept!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
  });
});

/** The item a key is kept in, under the tenant's own partition key: the scope (caller, route, key) digested. */
async function keptAnswer(tenantId: string, scope: string[]): Promise<Record<string, unknown> | undefined> {
  const scopeHash = createHash('sha256').update(JSON.stringify(scope)).digest('base64url');
  const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.idempotency(tenantId, scopeHash), ConsistentRead: true }));
  return Item;
}
