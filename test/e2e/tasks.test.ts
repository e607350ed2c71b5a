import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AuditedWriter, DynamoTaskRepository, keys } from '@rapport/data';
import { catchUpTaskReminders } from '@rapport/local';
import { systemClock } from '@rapport/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { FUNCTIONS_DIR, useTestApi } from '../support/test-stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Tasks through the public API on the local stack: validation, the due lists (ordered by due time,
 * today in a time zone, overdue), record scope, concurrency, and reminders firing at the due time
 * into the outbound pipeline (audit event → stream → publisher → webhook).
 */
const stack = useTestApi({ eventsPipeline: { retryDelaysSeconds: [0.3, 0.3, 0.3] } });
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;
const receivers: WebhookReceiver[] = [];
afterAll(() => Promise.all(receivers.map((receiver) => receiver.stop())));

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

async function createTask(token: string, body: Record<string, unknown>) {
  const response = await stack.api.request('POST', '/v1/tasks', { token, body: { title: 'Follow up', type: 'follow_up', ...body } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; dueAt: string; version: number; status: string; assigneeId: string };
}

const list = async (token: string, query = '') => {
  const response = await stack.api.request('GET', `/v1/tasks${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: { id: string; dueAt: string; title: string }[]; nextCursor: string | null };
};

/** Every task item of a tenant, open or done, read from the table's listings. */
async function taskItems(tenantId: string) {
  const items = [];
  for (const status of ['open', 'done'] as const) {
    const page = await stack.documents.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :listing',
        ExpressionAttributeValues: { ':listing': keys.taskListing(tenantId, status).gsi1pk },
      }),
    );
    items.push(...(page.Items ?? []));
  }
  return items;
}

async function receiverFor(token: string, events: string[]) {
  const hooks = await startWebhookReceiver();
  receivers.push(hooks);
  const response = await stack.api.request('POST', '/v1/webhooks', { token, body: { url: hooks.url, events } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return hooks;
}

describe('creating a task', () => {
  let owner: Tenant;
  beforeAll(async () => {
    owner = await stack.api.newTenant();
  });

  it.each([
    ['title', { type: 'call', dueAt: '2030-01-01T09:00:00Z' }],
    ['type', { title: 'Call', type: 'fax', dueAt: '2030-01-01T09:00:00Z' }],
    ['dueAt', { title: 'Call', type: 'call', dueAt: '2030-01-01 09:00' }],
    ['dueAt', { title: 'Call', type: 'call', dueAt: '2030-01-01T09:00:00' }],
    ['assigneeId', { title: 'Call', type: 'call', dueAt: '2030-01-01T09:00:00Z', assigneeId: 'someone' }],
    ['colour', { title: 'Call', type: 'call', dueAt: '2030-01-01T09:00:00Z', colour: 'red' }],
  ])('refuses a bad %s with 400 naming it, writing nothing', async (field, body) => {
    const response = await stack.api.request('POST', '/v1/tasks', { token: owner.token, body });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error.details.fields)).toContain(field);
    expect(await taskItems(owner.tenantId)).toEqual([]);
  });

  it('refuses an assignee who is not an active member, and a contact of another workspace', async () => {
    // Prepare
    const other = await stack.api.newTenant();
    const theirContact = (await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Zed' } })).body.id;

    // Act
    const stranger = await stack.api.request('POST', '/v1/tasks', { token: owner.token, body: { title: 'Visit', type: 'visit', dueAt: '2030-01-01T09:00:00Z', assigneeId: other.userId } });
    const foreign = await stack.api.request('POST', '/v1/tasks', { token: owner.token, body: { title: 'Visit', type: 'visit', dueAt: '2030-01-01T09:00:00Z', contactId: theirContact } });

    // Assess
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details.fields).toEqual([{ field: 'assigneeId', message: 'is not an active member of this workspace' }]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('contactId');
    expect(await taskItems(owner.tenantId)).toEqual([]);
  });

  it('stores the due time in UTC, assigns the caller by default, and keeps notes encrypted', async () => {
    // Act
    const task = await createTask(owner.token, { dueAt: '2030-03-01T09:30:00+01:00', notes: 'Asked about the premium plan', dealId: 'deal-123' });

    // Assess
    expect(task).toMatchObject({ dueAt: '2030-03-01T08:30:00.000Z', assigneeId: owner.userId, status: 'open', dealId: 'deal-123', notes: 'Asked about the premium plan', version: 1 });
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.task(owner.tenantId, task.id) }));
    expect(Item!.notes).not.toContain('premium');
    expect((await stack.api.request('GET', `/v1/tasks/${task.id}`, { token: owner.token })).body.notes).toBe('Asked about the premium plan');
  });

  it('masks notes for a role without pii:read', async () => {
    // Prepare
    const task = await createTask(owner.token, { dueAt: '2030-03-02T09:00:00Z', notes: 'Lives next to the bakery' });
    const viewer = await joinAs(stack.api, owner.token, stack.mailDir, 'read_only', inviteTokenFor);

    // Act
    const seen = await stack.api.request('GET', `/v1/tasks/${task.id}`, { token: viewer.token });

    // Assess
    expect(seen.status).toBe(200);
    expect(seen.body.notes).toBe('***');
  });
});

describe('listing tasks', () => {
  it('pages through open tasks in due order', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const dues = ['2030-05-04T10:00:00Z', '2030-05-01T10:00:00Z', '2030-05-03T10:00:00Z', '2030-05-05T10:00:00Z', '2030-05-02T10:00:00Z'];
    for (const dueAt of dues) await createTask(owner.token, { dueAt, title: `Due ${dueAt.slice(0, 10)}` });

    // Act
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(owner.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((task) => task.dueAt));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    // Assess
    expect(seen).toEqual([...dues].sort().map((due) => new Date(due).toISOString()));
    expect(pages).toBe(3);
    expect((await stack.api.request('GET', '/v1/tasks?cursor=bogus', { token: owner.token })).status).toBe(400);
  });

  it('lists what is due today in the caller time zone, which is not the UTC day', async () => {
    // Prepare: Asia/Kolkata is UTC+05:30 all year, so its day is computed here without the product's code.
    const owner = await stack.api.newTenant();
    const offset = 5.5 * HOUR;
    const day = 24 * HOUR;
    const start = Math.floor((Date.now() + offset) / day) * day - offset;
    const iso = (ms: number) => new Date(ms).toISOString();
    const yesterdayLate = await createTask(owner.token, { dueAt: iso(start - 1000), title: 'yesterday' });
    const todayEarly = await createTask(owner.token, { dueAt: iso(start), title: 'today early' });
    const todayLate = await createTask(owner.token, { dueAt: iso(start + day - 1000), title: 'today late' });
    const tomorrowEarly = await createTask(owner.token, { dueAt: iso(start + day), title: 'tomorrow' });

    // Act
    const today = await list(owner.token, '?due=today&tz=Asia/Kolkata');
    const bad = await stack.api.request('GET', '/v1/tasks?due=today&tz=Mars/Olympus', { token: owner.token });

    // Assess
    expect(today.items.map((task) => task.id)).toEqual([todayEarly.id, todayLate.id]);
    expect(today.items.map((task) => task.id)).not.toContain(yesterdayLate.id);
    expect(today.items.map((task) => task.id)).not.toContain(tomorrowEarly.id);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details.fields)).toContain('tz');
  });

  it('lists overdue tasks: open and due before now', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const late = await createTask(owner.token, { dueAt: at(-HOUR), title: 'late' });
    await createTask(owner.token, { dueAt: at(HOUR), title: 'ahead' });
    const doneLate = await createTask(owner.token, { dueAt: at(-2 * HOUR), title: 'done late' });
    expect((await stack.api.request('POST', `/v1/tasks/${doneLate.id}/complete`, { token: owner.token })).status).toBe(200);

    // Act
    const overdue = await list(owner.token, '?due=overdue');
    const contradictory = await stack.api.request('GET', '/v1/tasks?due=overdue&status=done', { token: owner.token });

    // Assess
    expect(overdue.items.map((task) => task.id)).toEqual([late.id]);
    expect(contradictory.status).toBe(400);
    expect(JSON.stringify(contradictory.body.error.details.fields)).toContain('due');
  });

  it('takes a cursor from another due range as a position: after the range an empty page, before it the range from its start', async () => {
    // Prepare: a cursor positioned at a task due next year, and one at a task overdue since yesterday.
    const owner = await stack.api.newTenant();
    const overdue = await createTask(owner.token, { dueAt: at(-26 * HOUR), title: 'overdue' });
    const dueSoon = await createTask(owner.token, { dueAt: at(HOUR / 2), title: 'soon' });
    await createTask(owner.token, { dueAt: at(365 * 24 * HOUR), title: 'next year' });
    const first = await list(owner.token, '?limit=1');
    const second = await list(owner.token, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).not.toBeNull();

    // Act
    const overdueAfterNextYear = await stack.api.request('GET', `/v1/tasks?due=overdue&cursor=${second.nextCursor}`, { token: owner.token });
    const todayAfterNextYear = await stack.api.request('GET', `/v1/tasks?due=today&tz=UTC&cursor=${second.nextCursor}`, { token: owner.token });
    const todayAfterYesterday = await stack.api.request('GET', `/v1/tasks?due=today&tz=UTC&cursor=${first.nextCursor}`, { token: owner.token });

    // Assess
    expect(first.items.map((task) => task.id)).toEqual([overdue.id]);
    expect(overdueAfterNextYear.status).toBe(200);
    expect(overdueAfterNextYear.body).toEqual({ items: [], nextCursor: null });
    expect(todayAfterNextYear.status).toBe(200);
    expect(todayAfterNextYear.body).toEqual({ items: [], nextCursor: null });
    expect(todayAfterYesterday.status).toBe(200);
    const dueTodayUtc = new Date(dueSoon.dueAt).toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10);
    expect(todayAfterYesterday.body.items.map((task: { id: string }) => task.id)).toEqual(dueTodayUtc ? [dueSoon.id] : []);
  });

  it('filters by contact', async () => {
    const owner = await stack.api.newTenant();
    const contact = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Ada' } })).body.id;
    const linked = await createTask(owner.token, { dueAt: '2030-06-01T10:00:00Z', contactId: contact });
    await createTask(owner.token, { dueAt: '2030-06-02T10:00:00Z' });

    expect((await list(owner.token, `?contactId=${contact}`)).items.map((task) => task.id)).toEqual([linked.id]);
  });
});

describe('record scope', () => {
  it('shows a sales rep only the tasks assigned to them', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const repsOwn = await createTask(rep.token, { dueAt: '2030-07-01T10:00:00Z', title: 'rep call' });
    const assignedToRep = await createTask(owner.token, { dueAt: '2030-07-02T10:00:00Z', assigneeId: rep.userId });
    const ownersTask = await createTask(owner.token, { dueAt: '2030-07-03T10:00:00Z' });

    // Act
    const repList = await list(rep.token);
    const repAskingForOwner = await list(rep.token, `?assigneeId=${owner.userId}`);
    const ownerList = await list(owner.token);
    const ownerForRep = await list(owner.token, `?assigneeId=${rep.userId}`);

    // Assess
    expect(repList.items.map((task) => task.id)).toEqual([repsOwn.id, assignedToRep.id]);
    expect(repAskingForOwner.items).toEqual([]);
    expect(ownerList.items.map((task) => task.id)).toEqual([repsOwn.id, assignedToRep.id, ownersTask.id]);
    expect(ownerForRep.items.map((task) => task.id)).toEqual([repsOwn.id, assignedToRep.id]);
    expect((await stack.api.request('GET', `/v1/tasks/${ownersTask.id}`, { token: rep.token })).status).toBe(404);
    expect((await stack.api.request('PATCH', `/v1/tasks/${ownersTask.id}`, { token: rep.token, body: { title: 'mine now' } })).status).toBe(404);
    expect((await stack.api.request('DELETE', `/v1/tasks/${ownersTask.id}`, { token: rep.token })).status).toBe(404);
  });
});

describe('changing a task', () => {
  let owner: Tenant;
  beforeAll(async () => {
    owner = await stack.api.newTenant();
  });

  it('updates with version concurrency, completes, and deletes', async () => {
    // Prepare
    const task = await createTask(owner.token, { dueAt: '2030-08-01T10:00:00Z', notes: 'first' });

    // Act
    const updated = await stack.api.request('PATCH', `/v1/tasks/${task.id}`, { token: owner.token, headers: { 'if-match': '"1"' }, body: { dueAt: '2030-08-02T10:00:00+02:00', notes: null } });
    const stale = await stack.api.request('PATCH', `/v1/tasks/${task.id}`, { token: owner.token, headers: { 'if-match': '"1"' }, body: { title: 'stale' } });
    const empty = await stack.api.request('PATCH', `/v1/tasks/${task.id}`, { token: owner.token, body: {} });
    const completed = await stack.api.request('POST', `/v1/tasks/${task.id}/complete`, { token: owner.token, headers: { 'if-match': '"2"' } });
    const done = await list(owner.token, '?status=done');
    const open = await list(owner.token);
    const staleDelete = await stack.api.request('DELETE', `/v1/tasks/${task.id}`, { token: owner.token, headers: { 'if-match': '"1"' } });
    const deleted = await stack.api.request('DELETE', `/v1/tasks/${task.id}`, { token: owner.token, headers: { 'if-match': '"3"' } });

    // Assess
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ dueAt: '2030-08-02T08:00:00.000Z', version: 2 });
    expect(updated.body.notes).toBeUndefined();
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(409);
    expect(empty.status).toBe(400);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'done', completedBy: owner.userId, version: 3 });
    expect(done.items.map((item) => item.id)).toEqual([task.id]);
    expect(open.items).toEqual([]);
    expect(staleDelete.status).toBe(409);
    expect(deleted.status).toBe(204);
    expect((await stack.api.request('GET', `/v1/tasks/${task.id}`, { token: owner.token })).status).toBe(404);
    expect(await taskItems(owner.tenantId)).toEqual([]);
  });
});

describe('reminders', () => {
  it('fire once at the due time as a task.due webhook; a moved, completed or deleted task does not fire', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const hooks = await receiverFor(owner.token, ['task.due']);

    // Act: the changed tasks are due a little later, so the changes land before their due time.
    const changedDue = at(6_000);
    const moved = await createTask(owner.token, { dueAt: changedDue, title: 'moved' });
    const completed = await createTask(owner.token, { dueAt: changedDue, title: 'completed' });
    const deleted = await createTask(owner.token, { dueAt: changedDue, title: 'deleted' });
    const due = await createTask(owner.token, { dueAt: at(1_500), title: 'due soon' });
    expect((await stack.api.request('PATCH', `/v1/tasks/${moved.id}`, { token: owner.token, body: { dueAt: at(HOUR) } })).status).toBe(200);
    expect((await stack.api.request('POST', `/v1/tasks/${completed.id}/complete`, { token: owner.token })).status).toBe(200);
    expect((await stack.api.request('DELETE', `/v1/tasks/${deleted.id}`, { token: owner.token })).status).toBe(204);
    expect(Date.now(), 'the changes were made before the changed tasks fell due').toBeLessThan(Date.parse(changedDue));

    // Assess
    await vi.waitFor(() => expect(hooks.events().map((event) => event.type)).toContain('task.due'), { timeout: 15_000, interval: 200 });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(changedDue) - Date.now()) + 2_500));
    await stack.events!.drain();
    expect(hooks.events()).toEqual([
      { id: expect.any(String), type: 'task.due', tenantId: owner.tenantId, occurredAt: expect.any(String), data: { id: due.id, changedFields: [] } },
    ]);
    expect(Date.parse(String((hooks.events()[0] as { occurredAt?: string }).occurredAt))).toBeGreaterThanOrEqual(Date.parse(due.dueAt) - 50);
    // The reminder is bookkeeping: the task's version did not move.
    expect((await stack.api.request('GET', `/v1/tasks/${due.id}`, { token: owner.token })).body).toMatchObject({ status: 'open', version: 1 });
  });

  it('re-arms when the due time changes: the new time fires', async () => {
    const owner = await stack.api.newTenant();
    const hooks = await receiverFor(owner.token, ['task.due']);
    const task = await createTask(owner.token, { dueAt: at(HOUR) });

    expect((await stack.api.request('PATCH', `/v1/tasks/${task.id}`, { token: owner.token, body: { dueAt: at(3_000) } })).status).toBe(200);

    await vi.waitFor(() => expect(hooks.events()).toHaveLength(1), { timeout: 15_000, interval: 200 });
    expect(hooks.events()[0]).toMatchObject({ type: 'task.due', data: { id: task.id } });
  });

  it('on start, fires what fell due while the stack was stopped, found through the armed index', async () => {
    // Prepare: a task armed for a time already past, as if the stack had been stopped then (no timer holds it).
    const owner = await stack.api.newTenant();
    const hooks = await receiverFor(owner.token, ['task.due']);
    const repository = new DynamoTaskRepository({ client: stack.documents, tableName: stack.tableName, writer: new AuditedWriter({ client: stack.documents, tableName: stack.tableName, clock: systemClock }) }, owner.tenantId);
    const dueAt = at(-60_000);
    const missed = { id: '01JDMISSEDTASK000000000000', title: 'missed', type: 'call' as const, status: 'open' as const, dueAt, assigneeId: owner.userId, createdBy: owner.userId, version: 1, createdAt: dueAt, updatedAt: dueAt };
    await repository.create(missed, { context: { actor: { userId: owner.userId, role: 'owner' }, requestId: 'test', sourceIp: null, userAgent: null }, entry: { action: 'task.created', target: { type: 'task', id: missed.id }, outcome: 'success' } }, { armed: true });

    // Act
    const first = await catchUpTaskReminders(FUNCTIONS_DIR);
    const again = await catchUpTaskReminders(FUNCTIONS_DIR);

    // Assess
    expect(first.fired).toBeGreaterThanOrEqual(1);
    expect(again.fired).toBe(0);
    await vi.waitFor(() => expect(hooks.events()).toHaveLength(1), { timeout: 15_000, interval: 200 });
    expect(hooks.events()[0]).toMatchObject({ type: 'task.due', data: { id: missed.id } });
  });
});

describe('offboarding', () => {
  it('erases the workspace tasks, open and done; their reminders then find no task and do nothing', async () => {
    // Prepare
    const owner = await stack.api.newTenant();
    const open = await createTask(owner.token, { dueAt: at(1_500), title: 'open' });
    const done = await createTask(owner.token, { dueAt: '2030-09-01T10:00:00Z', title: 'done' });
    expect((await stack.api.request('POST', `/v1/tasks/${done.id}/complete`, { token: owner.token })).status).toBe(200);
    expect(await taskItems(owner.tenantId)).toHaveLength(2);

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: owner.token, body: { confirm: owner.companyName } });
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    // Assess
    expect(receipt.status).toBe(200);
    expect(await taskItems(owner.tenantId)).toEqual([]);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.task(owner.tenantId, open.id) }));
    expect(Item).toBeUndefined();
  });
});
