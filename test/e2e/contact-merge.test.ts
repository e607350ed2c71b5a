import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/** Merging two contacts and undoing it, over HTTP against the local stack. */
// The completeness totals follow from the table stream: the analytics pipeline keeps them.
const stack = useTestApi({ analyticsPipeline: true });
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;
let owner: Tenant;

beforeAll(async () => {
  owner = await stack.api.newTenant();
});

const post = (path: string, body: unknown, token = owner.token) => stack.api.request('POST', path, { token, body });
const get = (path: string, token = owner.token) => stack.api.request('GET', path, { token });
const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function seedBehaviour(tenantId: string, contactId: string, day: string, pageViews: number, clicks: number, dwellSeconds: number) {
  await stack.documents.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: { ...keys.contactBehaviourDay(tenantId, contactId, day), entity: 'behaviour-day', contactId, day, pageViews, clicks, dwellSeconds },
    }),
  );
}

async function partitionKeys(tenantId: string, contactId: string): Promise<string[]> {
  const { Items = [] } = await stack.documents.send(
    new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.contactPartition(tenantId, contactId).pk }, ConsistentRead: true }),
  );
  return Items.map((item) => String(item.sk));
}

/** Two contacts of one person: the target with a company, the source with another and some history. */
async function aPair(tenant: Tenant) {
  const first = (await post('/v1/companies', { name: 'First Co' }, tenant.token)).body;
  const second = (await post('/v1/companies', { name: 'Second Co' }, tenant.token)).body;
  const target = (await post('/v1/contacts', { firstName: 'Margaret', lastName: 'Peacock', email: 'margaret@example.com', tags: ['vip'], companyId: first.id }, tenant.token)).body;
  const source = (
    await post('/v1/contacts', { firstName: 'Maggie', lastName: 'Peacock', phone: '+44 20 7946 0958', title: 'Buyer', tags: ['newsletter', 'vip'], companyId: second.id }, tenant.token)
  ).body;
  const order = (await post(`/v1/contacts/${source.id}/transactions`, { items: [{ product: 'Tea', quantity: 2, unitPrice: '5.00' }], currency: 'EUR' }, tenant.token)).body;
  const note = (await post(`/v1/contacts/${source.id}/interactions`, { type: 'note', body: 'Prefers email' }, tenant.token)).body;
  const rating = (await post(`/v1/contacts/${source.id}/feedback`, { kind: 'csat', score: 5 }, tenant.token)).body;
  await seedBehaviour(tenant.tenantId, target.id, today(), 3, 1, 30);
  await seedBehaviour(tenant.tenantId, source.id, today(), 2, 2, 20);
  await seedBehaviour(tenant.tenantId, source.id, yesterday(), 1, 0, 5);
  return { first, second, target, source, order, note, rating };
}

describe('POST /v1/contacts/{id}/merge', () => {
  it('merges the profile, moves every record, adds up behaviour days and moves the company counts, in one audited event', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const { first, second, target, source, order, note, rating } = await aPair(tenant);

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id, fields: { firstName: 'source' } }, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mergeId: expect.stringMatching(/^[0-9A-Z]{26}$/), sourceId: source.id, undoUntil: expect.any(String) });
    expect(Date.parse(response.body.undoUntil) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(response.body.contact).toMatchObject({
      id: target.id,
      firstName: 'Maggie',
      lastName: 'Peacock',
      email: 'margaret@example.com',
      phone: '+442079460958',
      title: 'Buyer',
      tags: ['vip', 'newsletter'],
      companyId: first.id,
      version: 2,
    });
    expect(response.headers.get('etag')).toBe('"2"');
    expect((await get(`/v1/contacts/${source.id}`, tenant.token)).status).toBe(404);
    const view = (await get(`/v1/contacts/${target.id}/360`, tenant.token)).body;
    expect(view.transactions.latest.map((item: { id: string }) => item.id)).toEqual([order.id]);
    expect(view.timeline.latest.map((item: { id: string }) => item.id)).toEqual([note.id]);
    expect(view.feedback.latest.map((item: { id: string }) => item.id)).toEqual([rating.id]);
    expect(view.timeline.latest[0]).toMatchObject({ contactId: target.id, body: 'Prefers email' });
    expect(view.timeline.latest[0]).not.toHaveProperty('mergedFrom');
    expect(view.behaviour.days).toEqual([
      { day: yesterday(), pageViews: 1, clicks: 0, dwellSeconds: 5 },
      { day: today(), pageViews: 5, clicks: 3, dwellSeconds: 50 },
    ]);
    expect([(await get(`/v1/companies/${first.id}`, tenant.token)).body.contactCount, (await get(`/v1/companies/${second.id}`, tenant.token)).body.contactCount]).toEqual([1, 0]);
    expect(await partitionKeys(tenant.tenantId, source.id)).toEqual([]);
    // The source is found by its phone no more; the target is.
    const again = await post('/v1/contacts', { firstName: 'Other', phone: '+44 20 7946 0958' }, tenant.token);
    expect(again.body.duplicates.map((candidate: { contactId: string }) => candidate.contactId)).toEqual([target.id]);
    const events = await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId);
    const merged = events.filter((event) => event.action === 'contact.merged');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ target: { type: 'contact', id: target.id }, targetIds: [source.id], details: { mergeId: response.body.mergeId } });
    expect(merged[0]!.changedFields).toEqual(['firstName', 'phone', 'title', 'tags']);
    expect(JSON.stringify(merged[0])).not.toMatch(/Maggie|7946|example\.com/);
    await stack.analytics!.drain();
    expect((await get('/v1/contacts/completeness', tenant.token)).body.contacts).toBe(2);
  });

  it.each([
    ['the target itself as source', (ids: { target: string }) => ({ sourceId: ids.target }), 'sourceId', 'another contact'],
    ['no source', () => ({}), 'sourceId', ''],
    ['an unknown field choice', (ids: { source: string }) => ({ sourceId: ids.source, fields: { favouriteColour: 'source' } }), 'fields.favouriteColour', 'not a known field'],
    ['a choice that is neither side', (ids: { source: string }) => ({ sourceId: ids.source, fields: { email: 'both' } }), 'fields.email', 'must be target or source'],
    ['a choice for tags, which are always united', (ids: { source: string }) => ({ sourceId: ids.source, fields: { tags: 'source' } }), 'fields.tags', 'not a known field'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_case, body, field, message) => {
    // Prepare
    const target = (await post('/v1/contacts', { firstName: 'Stay' })).body;
    const source = (await post('/v1/contacts', { firstName: 'Put' })).body;

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge`, body({ target: target.id, source: source.id }));

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    expect((await get(`/v1/contacts/${target.id}`)).body.version).toBe(1);
    expect((await get(`/v1/contacts/${source.id}`)).status).toBe(200);
  });

  it('refuses a member without contacts:write with 403', async () => {
    // Prepare
    const viewer = await joinAs(stack.api, owner.token, stack.mailDir, 'read_only', inviteTokenFor);
    const target = (await post('/v1/contacts', { firstName: 'T' })).body;
    const source = (await post('/v1/contacts', { firstName: 'S' })).body;

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, viewer.token);

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe('contacts:write');
    expect((await get(`/v1/contacts/${source.id}`)).status).toBe(200);
  });

  it("answers 404 for another tenant's source, or one outside a sales rep's scope, and changes nothing", async () => {
    // Prepare
    const other = await stack.api.newTenant();
    const theirs = (await post('/v1/contacts', { firstName: 'Theirs' }, other.token)).body;
    const target = (await post('/v1/contacts', { firstName: 'Mine' })).body;
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const repsOwn = (await post('/v1/contacts', { firstName: 'Reps' }, rep.token)).body;

    // Act
    const crossTenant = await post(`/v1/contacts/${target.id}/merge`, { sourceId: theirs.id });
    const outOfScope = await post(`/v1/contacts/${repsOwn.id}/merge`, { sourceId: target.id }, rep.token);

    // Assess
    expect([crossTenant.status, outOfScope.status]).toEqual([404, 404]);
    expect((await get(`/v1/contacts/${theirs.id}`, other.token)).body.version).toBe(1);
    expect((await get(`/v1/contacts/${target.id}`)).body.version).toBe(1);
    expect((await get(`/v1/contacts/${repsOwn.id}`, rep.token)).body.version).toBe(1);
  });

  it('moves a history too large for one transaction in chunks, and undoes it the same way', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Big', lastName: 'Target' }, tenant.token)).body;
    const source = (await post('/v1/contacts', { firstName: 'Big', lastName: 'Source' }, tenant.token)).body;
    for (let i = 0; i < 60; i++) await post(`/v1/contacts/${source.id}/interactions`, { type: 'note', body: `Note ${i}` }, tenant.token);

    // Act
    const merge = await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token);
    const merged = (await get(`/v1/contacts/${target.id}/interactions?limit=100`, tenant.token)).body.items;
    const undo = await post(`/v1/contacts/${target.id}/merge/${merge.body.mergeId}/undo`, {}, tenant.token);

    // Assess
    expect(merge.status).toBe(200);
    expect(merged).toHaveLength(60);
    expect(undo.status).toBe(200);
    expect((await get(`/v1/contacts/${source.id}/interactions?limit=100`, tenant.token)).body.items).toHaveLength(60);
    expect((await get(`/v1/contacts/${target.id}/interactions?limit=100`, tenant.token)).body.items).toHaveLength(0);
    const events = await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId);
    expect(events.filter((event) => event.action === 'contact.merged' || event.action === 'contact.merge_undone').map((event) => event.action)).toEqual([
      'contact.merged',
      'contact.merge_undone',
    ]);
  });

  it("drops the source's own earlier merges, whose target is gone, with their snapshots", async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Final' }, tenant.token)).body;
    const middle = (await post('/v1/contacts', { firstName: 'Middle' }, tenant.token)).body;
    const first = (await post('/v1/contacts', { firstName: 'First', email: 'first@example.com' }, tenant.token)).body;
    const earlier = (await post(`/v1/contacts/${middle.id}/merge`, { sourceId: first.id }, tenant.token)).body;

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge`, { sourceId: middle.id }, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.contact.email).toBe('first@example.com');
    expect(await partitionKeys(tenant.tenantId, middle.id)).toEqual([]);
    expect((await post(`/v1/contacts/${middle.id}/merge/${earlier.mergeId}/undo`, {}, tenant.token)).status).toBe(404);
  });

  it('finishes a merge that a crash left half moved on the next merge into the target', async () => {
    // Prepare: a merge record left at `moving`, with one record still in the source's partition.
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Half' }, tenant.token)).body;
    const source = (await post('/v1/contacts', { firstName: 'Moved' }, tenant.token)).body;
    const note = (await post(`/v1/contacts/${source.id}/interactions`, { type: 'note', body: 'Left behind' }, tenant.token)).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token)).body;
    const moved = await stack.documents.send(
      new DeleteCommand({ TableName: stack.tableName, Key: keys.contactRecord(tenant.tenantId, target.id, 'INTERACTION', note.id), ReturnValues: 'ALL_OLD' }),
    );
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...moved.Attributes, pk: keys.contactPartition(tenant.tenantId, source.id).pk, contactId: source.id } }));
    await stack.documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.contactMerge(tenant.tenantId, target.id, merge.mergeId),
        UpdateExpression: 'SET #status = :moving',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':moving': 'moving' },
      }),
    );
    const another = (await post('/v1/contacts', { firstName: 'Another' }, tenant.token)).body;

    // Act
    const next = await post(`/v1/contacts/${target.id}/merge`, { sourceId: another.id }, tenant.token);

    // Assess
    expect(next.status).toBe(200);
    expect((await get(`/v1/contacts/${target.id}/interactions`, tenant.token)).body.items.map((item: { id: string }) => item.id)).toEqual([note.id]);
    expect(await partitionKeys(tenant.tenantId, source.id)).toEqual([]);
  });
});

describe('POST /v1/contacts/{id}/merge/{mergeId}/undo', () => {
  it('finishes an undo that a crash left half done before answering that it is undone', async () => {
    // Prepare: an undo left at `undoing`, its record still in the target's partition.
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Undo' }, tenant.token)).body;
    const source = (await post('/v1/contacts', { firstName: 'Back' }, tenant.token)).body;
    const note = (await post(`/v1/contacts/${source.id}/interactions`, { type: 'note', body: 'Goes back' }, tenant.token)).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token)).body;
    await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);
    const back = await stack.documents.send(
      new DeleteCommand({ TableName: stack.tableName, Key: keys.contactRecord(tenant.tenantId, source.id, 'INTERACTION', note.id), ReturnValues: 'ALL_OLD' }),
    );
    await stack.documents.send(
      new PutCommand({ TableName: stack.tableName, Item: { ...back.Attributes, pk: keys.contactPartition(tenant.tenantId, target.id).pk, contactId: target.id, mergedFrom: merge.mergeId } }),
    );
    await stack.documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.contactMerge(tenant.tenantId, target.id, merge.mergeId),
        UpdateExpression: 'SET #status = :undoing',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':undoing': 'undoing' },
      }),
    );

    // Act
    const again = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);

    // Assess
    expect(again.status).toBe(410);
    expect((await get(`/v1/contacts/${source.id}/interactions`, tenant.token)).body.items.map((item: { id: string }) => item.id)).toEqual([note.id]);
    expect((await get(`/v1/contacts/${target.id}/interactions`, tenant.token)).body.items).toEqual([]);
  });

  it('restores the source with its records and the target as it was, and moves the counts back', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const { first, second, target, source, order, note, rating } = await aPair(tenant);
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id, fields: { firstName: 'source', companyId: 'source' } }, tenant.token)).body;

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.contact).toMatchObject({ id: target.id, firstName: 'Margaret', tags: ['vip'], companyId: first.id, version: 3 });
    expect(response.body.contact).not.toHaveProperty('phone');
    const restored = await get(`/v1/contacts/${source.id}`, tenant.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ firstName: 'Maggie', phone: '+442079460958', title: 'Buyer', companyId: second.id });
    const sourceView = (await get(`/v1/contacts/${source.id}/360`, tenant.token)).body;
    expect([sourceView.transactions.latest[0]?.id, sourceView.timeline.latest[0]?.id, sourceView.feedback.latest[0]?.id]).toEqual([order.id, note.id, rating.id]);
    expect(sourceView.timeline.latest[0].contactId).toBe(source.id);
    expect(sourceView.company).toMatchObject({ companyId: second.id });
    expect(sourceView.behaviour.days).toEqual([
      { day: yesterday(), pageViews: 1, clicks: 0, dwellSeconds: 5 },
      { day: today(), pageViews: 2, clicks: 2, dwellSeconds: 20 },
    ]);
    const targetView = (await get(`/v1/contacts/${target.id}/360`, tenant.token)).body;
    expect([targetView.transactions.count, targetView.timeline.count, targetView.feedback.count]).toEqual([0, 0, 0]);
    expect(targetView.company).toMatchObject({ companyId: first.id });
    // The day the merge created on the target goes again; the day both had is back to the target's own.
    expect(targetView.behaviour.days).toEqual([{ day: today(), pageViews: 3, clicks: 1, dwellSeconds: 30 }]);
    expect([(await get(`/v1/companies/${first.id}`, tenant.token)).body.contactCount, (await get(`/v1/companies/${second.id}`, tenant.token)).body.contactCount]).toEqual([1, 1]);
    const again = await post('/v1/contacts', { firstName: 'Other', phone: '+44 20 7946 0958' }, tenant.token);
    expect(again.body.duplicates.map((candidate: { contactId: string }) => candidate.contactId)).toEqual([source.id]);
    const events = await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId);
    expect(events.filter((event) => event.action === 'contact.merge_undone')).toEqual([
      expect.objectContaining({ target: { type: 'contact', id: target.id }, targetIds: [source.id], details: { mergeId: merge.mergeId } }),
    ]);
    await stack.analytics!.drain();
    expect((await get('/v1/contacts/completeness', tenant.token)).body.contacts).toBe(3);
    // An undo is done once.
    const twice = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);
    expect(twice.status).toBe(410);
  });

  it('answers 410 once the 30 days are over, and changes nothing', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Old' }, tenant.token)).body;
    const source = (await post('/v1/contacts', { firstName: 'Merge' }, tenant.token)).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token)).body;
    await stack.documents.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.contactMerge(tenant.tenantId, target.id, merge.mergeId),
        UpdateExpression: 'SET undoUntil = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);

    // Assess
    expect(response.status).toBe(410);
    expect(response.body.error).toMatchObject({ code: 'MERGE_GONE', details: { reason: 'expired' } });
    expect((await get(`/v1/contacts/${source.id}`, tenant.token)).status).toBe(404);
    expect((await get(`/v1/contacts/${target.id}`, tenant.token)).body.version).toBe(2);
  });

  it('answers 410 once the snapshot has expired out of the table', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const target = (await post('/v1/contacts', { firstName: 'Old' }, tenant.token)).body;
    const source = (await post('/v1/contacts', { firstName: 'Merge' }, tenant.token)).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id }, tenant.token)).body;
    await stack.documents.send(new DeleteCommand({ TableName: stack.tableName, Key: keys.contactMergeSnapshot(tenant.tenantId, target.id, merge.mergeId) }));

    // Act
    const response = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, tenant.token);

    // Assess
    expect(response.status).toBe(410);
  });

  it('answers 409 when the target changed since the merge, and 404 for a merge that does not exist', async () => {
    // Prepare
    const target = (await post('/v1/contacts', { firstName: 'Changed' })).body;
    const source = (await post('/v1/contacts', { firstName: 'Later' })).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id })).body;
    await stack.api.request('PATCH', `/v1/contacts/${target.id}`, { token: owner.token, body: { title: 'Edited after the merge' } });

    // Act
    const conflict = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {});
    const unknown = await post(`/v1/contacts/${target.id}/merge/01ARZ3NDEKTSV4RRFFQ69G5FAV/undo`, {});

    // Assess
    expect(conflict.status).toBe(409);
    expect(unknown.status).toBe(404);
    expect((await get(`/v1/contacts/${source.id}`)).status).toBe(404);
  });

  it("answers 404 for another tenant's merge, and 400 for a merge id that is not one", async () => {
    // Prepare
    const target = (await post('/v1/contacts', { firstName: 'Kept' })).body;
    const source = (await post('/v1/contacts', { firstName: 'Gone' })).body;
    const merge = (await post(`/v1/contacts/${target.id}/merge`, { sourceId: source.id })).body;
    const other = await stack.api.newTenant();

    // Act
    const crossTenant = await post(`/v1/contacts/${target.id}/merge/${merge.mergeId}/undo`, {}, other.token);
    const malformed = await post(`/v1/contacts/${target.id}/merge/nope/undo`, {});

    // Assess
    expect(crossTenant.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.fields).toContainEqual({ field: 'path.mergeId', message: 'must be a merge id' });
    expect((await get(`/v1/contacts/${source.id}`)).status).toBe(404);
  });
});
