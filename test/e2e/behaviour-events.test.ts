import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let secret: string;
let keyId: string;
let ada: string;
let grace: string;

const send = (body: unknown, key: string | null = secret, headers: Record<string, string> = {}) =>
  stack.api.request('POST', '/v1/events', { body, headers: { ...(key ? { 'x-ingest-key': key } : {}), ...headers } });

async function behaviourDay(tenantId: string, contactId: string, day: string) {
  const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contactBehaviourDay(tenantId, contactId, day) }));
  return Item;
}

beforeAll(async () => {
  owner = await stack.api.newTenant();
  const created = await stack.api.request('POST', '/v1/ingest-keys', { token: owner.token, body: { name: 'Website' } });
  ({ secret, id: keyId } = created.body);
  ada = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Ada', email: 'ada@example.com' } })).body.id;
  grace = (await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Grace' } })).body.id;
});

describe('ingest keys', () => {
  it('show their secret once, at creation', async () => {
    const listed = await stack.api.request('GET', '/v1/ingest-keys', { token: owner.token });

    expect(secret).toMatch(/^rik_[A-Za-z0-9_-]{43}$/);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: keyId, name: 'Website' })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });
});

describe('POST /v1/events', () => {
  it('counts events per customer and day, by contact id or email, and reports the unknown', async () => {
    // Act
    const response = await send({
      events: [
        { id: 'e1', type: 'page_view', contactId: ada, url: 'https://shop.example.com/', occurredAt: '2026-11-20T10:00:00Z' },
        { id: 'e2', type: 'click', email: 'ADA@example.com', occurredAt: '2026-11-20T10:01:00Z' },
        { id: 'e3', type: 'dwell', contactId: ada, durationSeconds: 42, occurredAt: '2026-11-20T10:02:00Z' },
        { id: 'e4', type: 'page_view', contactId: grace, occurredAt: '2026-11-21T09:00:00Z' },
        { id: 'e5', type: 'page_view', email: 'stranger@example.com' },
      ],
    });

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 4, duplicates: 0, unmatched: 1 });
    expect(await behaviourDay(owner.tenantId, ada, '2026-11-20')).toMatchObject({ pageViews: 1, clicks: 1, dwellSeconds: 42 });
    expect(await behaviourDay(owner.tenantId, grace, '2026-11-21')).toMatchObject({ pageViews: 1, clicks: 0 });
    const raw = await stack.documents.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.rawBehaviourEvent(owner.tenantId, '2026-11-20', ada, 'x').pk } }),
    );
    expect(raw.Items).toHaveLength(3);
    const ttlDays = (Number(raw.Items![0]!.expiresAt) * 1000 - Date.parse('2026-11-20T10:00:00Z')) / 86_400_000;
    expect(Math.round(ttlDays)).toBe(30);
    expect((await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).at(-1)).toMatchObject({
      action: 'behaviour.ingested',
      target: { type: 'ingest-key', id: keyId },
      details: { accepted: 4, unmatched: 1 },
    });
  });

  it('counts a resent event once, with or without an id of its own', async () => {
    const batch = { events: [{ type: 'click', contactId: grace, occurredAt: '2026-11-22T08:00:00Z' }, { id: 'once', type: 'click', contactId: grace, occurredAt: '2026-11-22T08:00:01Z' }] };
    const first = await send(batch);

    const again = await send(batch);

    expect(first.body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await behaviourDay(owner.tenantId, grace, '2026-11-22')).toMatchObject({ clicks: 2 });
  });

  it.each([
    ['a dwell without its duration', { events: [{ type: 'dwell', contactId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }] }, 'events.0.durationSeconds'],
    ['an event naming no customer', { events: [{ type: 'click' }] }, 'events.0.contactId'],
    ['an unknown type', { events: [{ type: 'scroll', contactId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }] }, 'events.0.type'],
    ['more than 500 events', { events: Array.from({ length: 501 }, () => ({ type: 'click', email: 'a@example.com' })) }, 'events'],
  ])('refuses %s with 400 naming it, and counts nothing', async (_case, body, field) => {
    const before = await behaviourDay(owner.tenantId, ada, '2026-11-20');

    const response = await send(body);

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    expect(await behaviourDay(owner.tenantId, ada, '2026-11-20')).toEqual(before);
  });

  it('needs a valid ingest key, and a revoked one stops working', async () => {
    const spare = (await stack.api.request('POST', '/v1/ingest-keys', { token: owner.token, body: { name: 'Spare' } })).body;
    const event = { events: [{ type: 'click', contactId: ada }] };
    expect((await send(event, spare.secret)).status).toBe(202);

    expect((await stack.api.request('DELETE', `/v1/ingest-keys/${spare.id}`, { token: owner.token })).status).toBe(204);

    expect((await send(event, spare.secret)).status).toBe(401);
    expect((await send(event, null)).status).toBe(401);
    expect((await send(event, `rik_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await send(event, null, { authorization: `Bearer ${owner.token}` })).status).toBe(401);
  });

  it('cannot reach another workspace: its contacts are simply unknown', async () => {
    const other = await stack.api.newTenant();
    const theirs = (await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Theirs', email: 'theirs@example.com' } })).body.id;

    const response = await send({ events: [{ type: 'click', contactId: theirs }, { type: 'click', email: 'theirs@example.com' }] });

    expect(response.body).toMatchObject({ accepted: 0, unmatched: 2 });
    const { Items = [] } = await stack.documents.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :b)', ExpressionAttributeValues: { ':pk': keys.contactPartition(other.tenantId, theirs).pk, ':b': 'BEHAVIOUR#' } }),
    );
    expect(Items).toEqual([]);
  });

  it('answers browsers on any origin, refusals included', async () => {
    const preflight = await fetch(`${stack.url}/v1/events`, { method: 'OPTIONS', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST' } });
    const refused = await fetch(`${stack.url}/v1/events`, { method: 'POST', headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' }, body: '{}' });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-ingest-key');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });
});
