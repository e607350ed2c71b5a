import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { EXAMPLE_RULES, contactWith, daysAgo, writeScores } from '../support/marketing-fixtures';
import { useTestApi } from '../support/test-stack';

/**
 * Segments through the API. The scores items (RFM) are written straight into the table in the
 * exact shape of the cross-area contract, because the insights job that writes them is not on
 * this branch; orders go through the API and behaviour through POST /v1/events.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
const ids: Record<string, string> = {};

const createSegment = (body: unknown, token = owner.token) => stack.api.request('POST', '/v1/segments', { token, body });
const fieldsOf = (response: { body: { error: { details: { fields: { field: string; message: string }[] } } } }) => response.body.error.details.fields.map((problem) => problem.field);

beforeAll(async () => {
  owner = await stack.api.newTenant();
  const scores = (id: string, rfm: [number, number, number]) => writeScores(stack.documents, stack.tableName, owner.tenantId, id, rfm);
  // Ids are ULIDs, so members come back in this order.
  ids.ada = await contactWith(stack.api, owner.token, { firstName: 'Ada', lastName: 'Lovelace', region: 'east', lifecycleStage: 'customer' }, 10);
  await scores(ids.ada, [4, 4, 4]);
  ids.old = await contactWith(stack.api, owner.token, { firstName: 'Old', region: 'east' }, 200);
  await scores(ids.old, [5, 5, 5]);
  ids.west = await contactWith(stack.api, owner.token, { firstName: 'West', region: 'west' }, 10);
  await scores(ids.west, [5, 5, 5]);
  ids.lowF = await contactWith(stack.api, owner.token, { firstName: 'Low', region: 'east' }, 10);
  await scores(ids.lowF, [4, 3, 5]);
  ids.unscored = await contactWith(stack.api, owner.token, { firstName: 'Unscored', region: 'east' }, 10);
  ids.fay = await contactWith(stack.api, owner.token, { firstName: 'Fay', region: 'East', tags: ['vip'] }, 30);
  await scores(ids.fay, [5, 4, 4]);
});

describe('POST /v1/segments validation', () => {
  it('refuses a condition on personal data, naming its path, and writes nothing', async () => {
    const response = await createSegment({ name: 'By email', rules: { all: [{ field: 'region', op: 'eq', value: 'east' }, { field: 'email', op: 'eq', value: 'ada@example.com' }] } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(['rules.all.1.field']);
    expect(response.body.error.message).toContain('encrypted');
    expect(JSON.stringify(response.body)).not.toContain('ada@example.com');
    expect((await stack.api.request('GET', '/v1/segments', { token: owner.token })).body.items).toEqual([]);
  });

  it('names the path of a wrong operator, a wrong value, a missing look-back and too deep a tree', async () => {
    const response = await createSegment({
      name: 'Broken',
      rules: {
        all: [
          { field: 'region', op: 'gte', value: 'east' },
          { any: [{ field: 'rfm.recency', op: 'gte', value: 9 }, { field: 'behaviour.clicks', op: 'gte', value: 1 }] },
          { all: [{ any: [{ all: [{ field: 'region', op: 'eq', value: 'x' }] }] }] },
          { field: 'nickname', op: 'eq', value: 'x' },
        ],
      },
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response).sort()).toEqual(['rules.all.0.op', 'rules.all.1.any.0.value', 'rules.all.1.any.1.days', 'rules.all.2.all.0.any', 'rules.all.3.field'].sort());
  });

  it('refuses a sensitive custom field (its values are encrypted) and an unknown one, naming the path', async () => {
    await stack.api.request('POST', '/v1/fields', { token: owner.token, body: { entity: 'contact', key: 'income', label: 'Income', type: 'number', sensitive: true } });

    const sensitive = await createSegment({ name: 'Rich', rules: { any: [{ field: 'customFields.income', op: 'gte', value: 100 }] } });
    const unknown = await createSegment({ name: 'Tier', rules: { any: [{ field: 'region', op: 'eq', value: 'east' }, { field: 'customFields.nope', op: 'eq', value: 'x' }] } });

    expect(sensitive.status).toBe(400);
    expect(fieldsOf(sensitive)).toEqual(['rules.any.0.field']);
    expect(sensitive.body.error.message).toContain('sensitive');
    expect(fieldsOf(unknown)).toEqual(['rules.any.1.field']);
    expect((await stack.api.request('GET', '/v1/segments', { token: owner.token })).body.items).toEqual([]);
  });
});

describe('the example segment: bought in the last 90 days AND region = east AND RFM ≥ 4-4-4', () => {
  let segmentId: string;

  beforeAll(async () => {
    const created = await createSegment({ name: 'Best of the east', rules: EXAMPLE_RULES });
    expect(created.status).toBe(201);
    segmentId = created.body.id;
  });

  it('has as members exactly the contacts that meet every condition, with why', async () => {
    const members = await stack.api.request('GET', `/v1/segments/${segmentId}/members`, { token: owner.token });

    expect(members.status).toBe(200);
    expect(members.body.items.map((member: { contactId: string }) => member.contactId)).toEqual([ids.ada, ids.fay]);
    expect(members.body.items[0]).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', lifecycleStage: 'customer', region: 'east' });
    expect(members.body.items[0].matched).toEqual(expect.arrayContaining(['purchase inLastDays 90', 'region eq east', 'rfm.frequency gte 4']));
    expect(members.body.nextCursor).toBeNull();
  });

  it('counts them, reading partitions only for contacts the listings did not rule out', async () => {
    const count = await stack.api.request('GET', `/v1/segments/${segmentId}/count`, { token: owner.token });

    // West (region), Low (frequency 3) and Unscored (no scores item) are decided from the
    // listings; Ada, Old and Fay need one Query each for their latest order.
    expect(count.body).toEqual({ segmentId, members: 2, contactsRead: 6, scoresRead: 5, partitionQueries: 3 });
  });

  it('pages its members with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { contactId: string }[]; nextCursor: string | null } } = await stack.api.request('GET', `/v1/segments/${segmentId}/members?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: owner.token });
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((member: { contactId: string }) => member.contactId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(seen).toEqual([ids.ada, ids.fay]);
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});

describe('behaviour and tag conditions', () => {
  it('match on page views over a look-back, and either a tag or clicks', async () => {
    const key = (await stack.api.request('POST', '/v1/ingest-keys', { token: owner.token, body: { name: 'Shop' } })).body.secret;
    const events = await stack.api.request('POST', '/v1/events', {
      headers: { 'x-ingest-key': key },
      body: {
        events: [
          { type: 'page_view', contactId: ids.west, occurredAt: daysAgo(1) },
          { type: 'page_view', contactId: ids.west, occurredAt: daysAgo(2) },
          { type: 'page_view', contactId: ids.old, occurredAt: daysAgo(1) },
          { type: 'page_view', contactId: ids.old, occurredAt: daysAgo(20) },
          { type: 'click', contactId: ids.lowF, occurredAt: daysAgo(3) },
        ],
      },
    });
    expect(events.status).toBe(202);

    const browsing = (await createSegment({ name: 'Browsing', rules: { all: [{ field: 'behaviour.pageViews', op: 'gte', value: 2, days: 7 }] } })).body.id;
    const either = (await createSegment({ name: 'Either', rules: { any: [{ field: 'tags', op: 'contains', value: 'VIP' }, { field: 'behaviour.clicks', op: 'gte', value: 1, days: 30 }] } })).body.id;
    const members = async (id: string) =>
      (await stack.api.request('GET', `/v1/segments/${id}/members`, { token: owner.token })).body.items.map((member: { contactId: string }) => member.contactId);

    expect(await members(browsing)).toEqual([ids.west]);
    expect(await members(either)).toEqual([ids.lowF, ids.fay]);
  });
});

describe('custom field conditions', () => {
  it('compare a non-sensitive custom field by its type', async () => {
    await stack.api.request('POST', '/v1/fields', { token: owner.token, body: { entity: 'contact', key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] } });
    await stack.api.request('POST', '/v1/fields', { token: owner.token, body: { entity: 'contact', key: 'visits', label: 'Visits', type: 'number' } });
    const gold = await contactWith(stack.api, owner.token, { firstName: 'Goldie', region: 'north', customFields: { tier: 'gold', visits: 12, income: 90000 } });
    await contactWith(stack.api, owner.token, { firstName: 'Silvia', region: 'north', customFields: { tier: 'silver', visits: 40 } });
    await contactWith(stack.api, owner.token, { firstName: 'Rare', region: 'north', customFields: { tier: 'gold', visits: 1 } });

    const segment = await createSegment({ name: 'Gold regulars', rules: { all: [{ field: 'customFields.tier', op: 'eq', value: 'gold' }, { field: 'customFields.visits', op: 'gte', value: 10 }] } });
    const wrongType = await createSegment({ name: 'Bad', rules: { all: [{ field: 'customFields.visits', op: 'gte', value: 'ten' }] } });
    const members = await stack.api.request('GET', `/v1/segments/${segment.body.id}/members`, { token: owner.token });

    expect(segment.status).toBe(201);
    expect(wrongType.status).toBe(400);
    expect(fieldsOf(wrongType)).toEqual(['rules.all.0.value']);
    expect(members.body.items.map((member: { contactId: string }) => member.contactId)).toEqual([gold]);
  });
});

describe('segments as records', () => {
  it('are listed with pages, changed with a version, deleted, and audited', async () => {
    const first = (await createSegment({ name: 'One', rules: { all: [{ field: 'lifecycleStage', op: 'in', value: ['customer', 'lead'] }] } })).body;
    const page = await stack.api.request('GET', '/v1/segments?limit=1', { token: owner.token });
    const next = await stack.api.request('GET', `/v1/segments?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: owner.token });

    const stale = await stack.api.request('PATCH', `/v1/segments/${first.id}`, { token: owner.token, body: { name: 'Two', version: 9 } });
    const changed = await stack.api.request('PATCH', `/v1/segments/${first.id}`, { token: owner.token, headers: { 'if-match': '"1"' }, body: { name: 'Two', rules: { any: [{ field: 'region', op: 'eq', value: 'west' }] } } });
    const members = await stack.api.request('GET', `/v1/segments/${first.id}/members`, { token: owner.token });
    const deleted = await stack.api.request('DELETE', `/v1/segments/${first.id}`, { token: owner.token });
    const gone = await stack.api.request('GET', `/v1/segments/${first.id}`, { token: owner.token });

    expect(page.body.items).toHaveLength(1);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect(stale.status).toBe(409);
    expect(changed.body).toMatchObject({ name: 'Two', version: 2 });
    expect(members.body.items.map((member: { contactId: string }) => member.contactId)).toEqual([ids.west]);
    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
    const audit = (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).filter((event) => event.target?.id === first.id);
    expect(audit.map((event) => [event.action, event.changedFields ?? []])).toEqual([
      ['segment.created', ['name', 'rules']],
      ['segment.updated', ['name', 'rules']],
      ['segment.deleted', []],
    ]);
  });
});
