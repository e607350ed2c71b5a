import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * Sales over HTTP against the local stack: pipelines and their stages, deals moving through them
 * (with history, outcomes, record scope), the forecast against a hand-computed fixture, lead
 * conversion, and the open deals in the contact's 360 view.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let rep: { token: string; userId: string };
let marketer: { token: string };

beforeAll(async () => {
  owner = await stack.api.newTenant();
  rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
  marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
});

const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, token = owner.token, headers?: Record<string, string>) =>
  stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
const newContact = async (token = owner.token, body: Record<string, unknown> = { firstName: 'Jane', lastName: 'Buyer' }) => {
  const response = await req('POST', '/v1/contacts', body, token);
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
};
const aDeal = (contactId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Tea for the office',
  contactId,
  amount: '1250.50',
  currency: 'EUR',
  expectedCloseDate: '2026-12-31',
  ...overrides,
});
const newDeal = async (contactId: string, overrides: Record<string, unknown> = {}, token = owner.token) => {
  const response = await req('POST', '/v1/deals', aDeal(contactId, overrides), token);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
};
const newPipeline = async (stages: { name: string; probability: number }[], name = 'Enterprise') => {
  const response = await req('POST', '/v1/pipelines', { name, stages });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; stages: { id: string; name: string; probability: number }[] };
};
const fieldsOf = (response: { body: any }) => (response.body.error.details?.fields ?? []).map((problem: { field: string }) => problem.field);
const auditActions = async () => (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).map((event) => event.action);
const stored = async (key: { pk: string; sk: string }) => (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item;

describe('pipelines', () => {
  it('gives every workspace a default pipeline on first read, stages in order with their probabilities', async () => {
    const tenant = await stack.api.newTenant();

    const response = await req('GET', '/v1/pipelines', undefined, tenant.token);

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0].stages.map((stage: { name: string; probability: number }) => [stage.name, stage.probability])).toEqual([
      ['Qualification', 10],
      ['Needs analysis', 25],
      ['Proposal', 50],
      ['Negotiation', 75],
    ]);
    // A second read does not create another.
    expect((await req('GET', '/v1/pipelines', undefined, tenant.token)).body.items).toHaveLength(1);
  });

  it('creates a pipeline for pipelines:manage only, and refuses bad stages naming the field, writing nothing', async () => {
    const before = (await req('GET', '/v1/pipelines?limit=100')).body.items.length;

    const refused = await req('POST', '/v1/pipelines', { name: 'Rep pipeline', stages: [{ name: 'One', probability: 10 }] }, rep.token);
    const tooLikely = await req('POST', '/v1/pipelines', { name: 'Bad', stages: [{ name: 'One', probability: 120 }] });
    const twice = await req('POST', '/v1/pipelines', { name: 'Bad', stages: [{ name: 'One', probability: 10 }, { name: 'one', probability: 20 }] });
    const none = await req('POST', '/v1/pipelines', { name: 'Bad', stages: [] });

    expect(refused.status).toBe(403);
    expect(refused.body.error.details.permission).toBe('pipelines:manage');
    expect([tooLikely.status, twice.status, none.status]).toEqual([400, 400, 400]);
    expect(fieldsOf(tooLikely)).toContain('stages.0.probability');
    expect(fieldsOf(twice)).toContain('stages.1.name');
    expect(fieldsOf(none)).toContain('stages');
    expect((await req('GET', '/v1/pipelines?limit=100')).body.items).toHaveLength(before);

    const pipeline = await newPipeline([{ name: 'Discovery', probability: 20 }, { name: 'Contract', probability: 90 }]);
    expect(pipeline.stages.map((stage) => stage.name)).toEqual(['Discovery', 'Contract']);
    expect((await req('GET', `/v1/pipelines/${pipeline.id}`, undefined, rep.token)).body).toMatchObject({ name: 'Enterprise', version: 1 });
    expect(await auditActions()).toContain('pipeline.created');
  });

  it('pages through pipelines', async () => {
    await newPipeline([{ name: 'A', probability: 1 }], 'Paged 1');
    await newPipeline([{ name: 'A', probability: 1 }], 'Paged 2');

    const first = await req('GET', '/v1/pipelines?limit=2');
    const second = await req('GET', `/v1/pipelines?limit=100&cursor=${first.body.nextCursor}`);

    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const ids = [...first.body.items, ...second.body.items].map((pipeline: { id: string }) => pipeline.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses removing a stage that still has open deals with 409 naming it, and allows it once they moved', async () => {
    const pipeline = await newPipeline([{ name: 'Early', probability: 10 }, { name: 'Late', probability: 80 }]);
    const [early, late] = pipeline.stages;
    const deal = await newDeal((await newContact()).id, { pipelineId: pipeline.id, stageId: early!.id });

    const refused = await req('PATCH', `/v1/pipelines/${pipeline.id}`, { stages: [{ id: late!.id, name: 'Late', probability: 80 }] });

    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'STAGE_IN_USE', details: { stageId: early!.id, stageName: 'Early', openDeals: 1 } });
    expect((await req('GET', `/v1/pipelines/${pipeline.id}`)).body.version).toBe(1);

    expect((await req('POST', `/v1/deals/${deal.id}/move`, { stageId: late!.id })).status).toBe(200);
    const changed = await req('PATCH', `/v1/pipelines/${pipeline.id}`, {
      name: 'Enterprise, simpler',
      stages: [{ id: late!.id, name: 'Closing', probability: 85 }, { name: 'Signed', probability: 95 }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.stages.map((stage: { name: string }) => stage.name)).toEqual(['Closing', 'Signed']);
    expect(changed.body.stages[0].id).toBe(late!.id);
    expect(changed.body.version).toBe(2);
    // A deal cannot be put in the removed stage any more.
    const gone = await req('POST', '/v1/deals', aDeal((await newContact()).id, { pipelineId: pipeline.id, stageId: early!.id }));
    expect(gone.status).toBe(400);
    expect(fieldsOf(gone)).toContain('stageId');
    expect(await auditActions()).toContain('pipeline.updated');
  });
  it('takes every kind of change: a rename, the same stages sent back, a reorder, a probability, a stage added, an empty stage removed', async () => {
    // Prepare: a pipeline counting on shards, and one stored as pipelines were before the shards (counts on the item).
    const sharded = await newPipeline([{ name: 'Early', probability: 10 }, { name: 'Late', probability: 80 }], 'Every change');
    const legacy = await newPipeline([{ name: 'Early', probability: 10 }, { name: 'Late', probability: 80 }], 'Every change, legacy');
    const { countsSharded: _flag, ...legacyItem } = (await stored(keys.pipeline(owner.tenantId, legacy.id)))!;
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...legacyItem, openDeals: Object.fromEntries(legacy.stages.map((stage) => [stage.id, 0])) } }));

    for (const pipeline of [sharded, legacy]) {
      const [early, late] = pipeline.stages as [(typeof pipeline.stages)[0], (typeof pipeline.stages)[0]];
      const asSent = (stage: typeof early, overrides: Record<string, unknown> = {}) => ({ id: stage.id, name: stage.name, probability: stage.probability, ...overrides });
      const changes: [string, Record<string, unknown>][] = [
        ['a rename', { name: `${pipeline.id} renamed` }],
        ['the same stages sent back', { stages: [asSent(early), asSent(late)] }],
        ['the name and stages unchanged', { name: `${pipeline.id} renamed`, stages: [asSent(early), asSent(late)] }],
        ['a reorder', { stages: [asSent(late), asSent(early)] }],
        ['a probability', { stages: [asSent(late, { probability: 90 }), asSent(early)] }],
        ['a stage added', { stages: [asSent(late, { probability: 90 }), asSent(early), { name: 'Signed', probability: 100 }] }],
      ];
      let version = pipeline.version;

      // Act and assess, change by change
      for (const [kind, body] of changes) {
        const changed = await req('PATCH', `/v1/pipelines/${pipeline.id}`, body);
        expect(changed.status, `${kind}: ${JSON.stringify(changed.body)}`).toBe(200);
        expect(changed.body.version, kind).toBe(++version);
      }
      const removed = await req('PATCH', `/v1/pipelines/${pipeline.id}`, { stages: [asSent(late, { probability: 90 })] });
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      expect(removed.body).toMatchObject({ name: `${pipeline.id} renamed`, version: version + 1, stages: [{ id: late.id, name: 'Late', probability: 90 }] });
    }
  });
});

describe('open-deal counts', () => {
  it('moves only the deal\'s shard of a new pipeline, and still counts on the item of a pipeline made before the shards', async () => {
    // Prepare: a new pipeline, and one stored as pipelines were before the shards (counts on the item, no flag).
    const pipeline = await newPipeline([{ name: 'Only', probability: 50 }], 'Sharded');
    const legacy = await newPipeline([{ name: 'Old', probability: 50 }], 'Legacy');
    const legacyKey = keys.pipeline(owner.tenantId, legacy.id);
    const { countsSharded: _flag, ...legacyItem } = (await stored(legacyKey))!;
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...legacyItem, openDeals: { [legacy.stages[0]!.id]: 0 } } }));

    // Act
    const deal = await newDeal((await newContact()).id, { pipelineId: pipeline.id, stageId: pipeline.stages[0]!.id });
    const old = await newDeal((await newContact()).id, { pipelineId: legacy.id, stageId: legacy.stages[0]!.id });

    // Assess
    expect((await stored(keys.pipelineOpenDeals(owner.tenantId, pipeline.id, deal.id)))?.openDeals).toEqual({ [pipeline.stages[0]!.id]: 1 });
    expect((await stored(keys.pipeline(owner.tenantId, pipeline.id)))?.openDeals).toBeUndefined();
    expect((await stored(legacyKey))?.openDeals).toEqual({ [legacy.stages[0]!.id]: 1 });
    const refused = await req('PATCH', `/v1/pipelines/${legacy.id}`, { stages: [{ name: 'New', probability: 10 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ stageId: legacy.stages[0]!.id, openDeals: 1 });
    expect((await req('POST', `/v1/deals/${old.id}/lost`, { reason: 'price' })).status).toBe(200);
    expect((await stored(legacyKey))?.openDeals).toEqual({ [legacy.stages[0]!.id]: 0 });
  });
});

describe('deals', () => {
  it('creates a deal in the default pipeline, copying the contact\'s channel and region, as the Deal contract stores it', async () => {
    const contact = await newContact(owner.token, { firstName: 'Ann', sourceChannel: 'referral', region: 'EMEA' });

    const response = await req('POST', '/v1/deals', aDeal(contact.id));

    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    const deal = response.body;
    const pipeline = (await req('GET', '/v1/pipelines')).body.items[0];
    expect(deal).toMatchObject({
      title: 'Tea for the office',
      contactId: contact.id,
      ownerId: owner.userId,
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0].id,
      amount: '1250.50',
      amountMinor: 125050,
      currency: 'EUR',
      status: 'open',
      sourceChannel: 'referral',
      region: 'EMEA',
      stagesReached: [pipeline.stages[0].id],
      version: 1,
    });
    const item = await stored(keys.deal(owner.tenantId, deal.id));
    expect(item).toMatchObject({ entity: 'deal', id: deal.id, status: 'open', amountMinor: 125050, currency: 'EUR', ownerId: owner.userId, stagesReached: [pipeline.stages[0].id] });
    expect(await stored(keys.contactDeal(owner.tenantId, contact.id, deal.id))).toMatchObject({ entity: 'contact-deal', dealId: deal.id, status: 'open' });
    expect(await auditActions()).toContain('deal.created');
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const contact = await newContact();
    const before = (await req('GET', '/v1/deals?limit=100')).body.items.length;
    const othersContact = await newContact(rep.token, { firstName: 'Rep', lastName: 'Customer' });

    const cases: [Record<string, unknown>, string, string?][] = [
      [{ contactId: undefined }, 'contactId'],
      [{ amount: '12.345' }, 'amount'],
      [{ amount: 'lots' }, 'amount'],
      [{ currency: 'XXY' }, 'currency'],
      [{ expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
      [{ stageId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'stageId'],
      [{ pipelineId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'pipelineId'],
      [{ ownerId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'ownerId'],
      [{ companyId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'companyId'],
      [{ status: 'won' }, 'status'],
    ];
    for (const [overrides, field] of cases) {
      const response = await req('POST', '/v1/deals', aDeal(contact.id, overrides));
      expect(response.status, field).toBe(400);
      expect(fieldsOf(response), field).toContain(field);
    }
    // A contact the rep cannot see is not a contact for their deal.
    const hidden = await req('POST', '/v1/deals', aDeal(contact.id), rep.token);
    expect(hidden.status).toBe(400);
    expect(fieldsOf(hidden)).toContain('contactId');
    expect((await req('GET', '/v1/deals?limit=100')).body.items).toHaveLength(before);
    expect(othersContact.id).toBeTruthy();
  });

  it('moves a deal through stages keeping history, then wins it; a closed deal does not move again', async () => {
    const pipeline = await newPipeline([{ name: 'One', probability: 10 }, { name: 'Two', probability: 50 }, { name: 'Three', probability: 90 }]);
    const [one, two, three] = pipeline.stages.map((stage) => stage.id);
    const deal = await newDeal((await newContact()).id, { pipelineId: pipeline.id });

    const moved = await req('POST', `/v1/deals/${deal.id}/move`, { stageId: three });
    const back = await req('POST', `/v1/deals/${deal.id}/move`, { stageId: two }, owner.token, { 'if-match': '"2"' });
    const stale = await req('POST', `/v1/deals/${deal.id}/move`, { stageId: one, version: 1 });
    const unknown = await req('POST', `/v1/deals/${deal.id}/move`, { stageId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    const won = await req('POST', `/v1/deals/${deal.id}/won`, {});

    expect(moved.status).toBe(200);
    expect(back.status).toBe(200);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toContain('stageId');
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', stageId: two, stagesReached: [one, three, two], version: 4 });
    expect(won.body.closedAt).toEqual(expect.any(String));
    expect(won.body.history.map((change: { from: string | null; to: string; by: string }) => [change.from, change.to, change.by])).toEqual([
      [null, one, owner.userId],
      [one, three, owner.userId],
      [three, two, owner.userId],
    ]);
    const again = await req('POST', `/v1/deals/${deal.id}/move`, { stageId: one });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DEAL_CLOSED');
    expect(await stored(keys.deal(owner.tenantId, deal.id))).toMatchObject({ status: 'won', closedAt: won.body.closedAt, version: 4 });
    const actions = await auditActions();
    expect(actions).toContain('deal.stage_changed');
    expect(actions).toContain('deal.won');
  });

  it('loses a deal only with a reason', async () => {
    const deal = await newDeal((await newContact()).id);

    const noReason = await req('POST', `/v1/deals/${deal.id}/lost`, {});
    const lost = await req('POST', `/v1/deals/${deal.id}/lost`, { reason: 'Chose a cheaper supplier' });

    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason)).toContain('reason');
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'Chose a cheaper supplier', version: 2 });
    expect((await req('POST', `/v1/deals/${deal.id}/won`, {})).status).toBe(409);
    expect(await auditActions()).toContain('deal.lost');
  });

  it('changes and deletes a deal with optimistic concurrency', async () => {
    const contact = await newContact();
    const deal = await newDeal(contact.id);

    const changed = await req('PATCH', `/v1/deals/${deal.id}`, { title: 'Tea and biscuits', amount: '99', currency: 'JPY', version: 1 });
    const stale = await req('PATCH', `/v1/deals/${deal.id}`, { title: 'Late' }, owner.token, { 'if-match': '"1"' });
    const halfMoney = await req('PATCH', `/v1/deals/${deal.id}`, { amount: '5.00' });
    const staleDelete = await req('DELETE', `/v1/deals/${deal.id}`, undefined, owner.token, { 'if-match': '"1"' });
    const deleted = await req('DELETE', `/v1/deals/${deal.id}`, undefined, owner.token, { 'if-match': '"2"' });

    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Tea and biscuits', amount: '99', amountMinor: 99, currency: 'JPY', version: 2 });
    expect(stale.status).toBe(409);
    expect(halfMoney.status).toBe(400);
    expect(fieldsOf(halfMoney)).toContain('currency');
    expect(staleDelete.status).toBe(409);
    expect(deleted.status).toBe(204);
    expect((await req('GET', `/v1/deals/${deal.id}`)).status).toBe(404);
    expect(await stored(keys.contactDeal(owner.tenantId, contact.id, deal.id))).toBeUndefined();
    const actions = await auditActions();
    expect(actions).toContain('deal.updated');
    expect(actions).toContain('deal.deleted');
  });

  it('pages and filters the list', async () => {
    const pipeline = await newPipeline([{ name: 'Only', probability: 30 }, { name: 'Next', probability: 60 }]);
    const contact = await newContact();
    const created = [];
    for (let index = 0; index < 3; index++) created.push(await newDeal(contact.id, { pipelineId: pipeline.id, title: `Deal ${index}` }));
    await req('POST', `/v1/deals/${created[2].id}/move`, { stageId: pipeline.stages[1]!.id });

    const first = await req('GET', `/v1/deals?pipelineId=${pipeline.id}&limit=2`);
    const second = await req('GET', `/v1/deals?pipelineId=${pipeline.id}&limit=2&cursor=${first.body.nextCursor}`);
    const inNext = await req('GET', `/v1/deals?pipelineId=${pipeline.id}&stageId=${pipeline.stages[1]!.id}`);
    const badStatus = await req('GET', '/v1/deals?status=maybe');

    expect(first.body.items.map((deal: { title: string }) => deal.title)).toEqual(['Deal 0', 'Deal 1']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items.map((deal: { title: string }) => deal.title)).toEqual(['Deal 2']);
    expect(second.body.nextCursor).toBeNull();
    expect(inNext.body.items.map((deal: { id: string }) => deal.id)).toEqual([created[2].id]);
    expect(badStatus.status).toBe(400);
    expect(fieldsOf(badStatus)).toContain('query.status');
  });

  it('shows a sales rep only the deals they own', async () => {
    const repsContact = await newContact(rep.token, { firstName: 'Rob', lastName: 'Client' });
    const repsDeal = await newDeal(repsContact.id, {}, rep.token);
    const ownersDeal = await newDeal((await newContact()).id);

    const listed = await req('GET', '/v1/deals?limit=100', undefined, rep.token);
    const askedForOthers = await req('GET', `/v1/deals?ownerId=${owner.userId}`, undefined, rep.token);

    expect(listed.body.items.map((deal: { id: string }) => deal.id)).toEqual([repsDeal.id]);
    expect(askedForOthers.body.items).toEqual([]);
    expect((await req('GET', `/v1/deals/${ownersDeal.id}`, undefined, rep.token)).status).toBe(404);
    expect((await req('POST', `/v1/deals/${ownersDeal.id}/won`, {}, rep.token)).status).toBe(404);
    expect((await req('GET', `/v1/deals/${repsDeal.id}`, undefined, rep.token)).body.ownerId).toBe(rep.userId);
    // The owner (contacts:read_all) sees both, and can filter by owner.
    const byRep = await req('GET', `/v1/deals?ownerId=${rep.userId}`);
    expect(byRep.body.items.map((deal: { id: string }) => deal.id)).toEqual([repsDeal.id]);
    // Without deals:read there is no list at all.
    expect((await req('GET', '/v1/deals', undefined, marketer.token)).status).toBe(403);
  });
});

describe('the forecast', () => {
  /** YYYY-MM of the month `offset` months from now (UTC). */
  const month = (offset: number) => {
    const now = new Date();
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    return date.toISOString().slice(0, 7);
  };

  it('weighs open deals by stage probability, by stage and month, per currency, with the won amount per month', async () => {
    const pipeline = await newPipeline([{ name: 'Early', probability: 10 }, { name: 'Late', probability: 50 }], 'Forecast');
    const [early, late] = pipeline.stages.map((stage) => stage.id);
    const contact = await newContact();
    const deal = (overrides: Record<string, unknown>) => newDeal(contact.id, { pipelineId: pipeline.id, ...overrides });
    await deal({ amount: '1000.00', stageId: early, expectedCloseDate: `${month(0)}-15` });
    await deal({ amount: '333.33', stageId: late, expectedCloseDate: `${month(0)}-20` });
    await deal({ amount: '200.00', currency: 'USD', stageId: late, expectedCloseDate: `${month(1)}-01` });
    await deal({ amount: '50.00', stageId: early, expectedCloseDate: `${month(3)}-01` }); // after the range
    const won = await deal({ amount: '400.00', stageId: early, expectedCloseDate: `${month(2)}-10` });
    await req('POST', `/v1/deals/${won.id}/won`, {});
    const lost = await deal({ amount: '999.00', stageId: late, expectedCloseDate: `${month(0)}-05` });
    await req('POST', `/v1/deals/${lost.id}/lost`, { reason: 'No budget' });

    const response = await req('GET', `/v1/deals/forecast?pipelineId=${pipeline.id}&from=${month(0)}&to=${month(2)}`);

    expect(response.status).toBe(200);
    const m = (amount: string, amountMinor: number) => ({ amount, amountMinor });
    const none = m('0.00', 0);
    // By hand: EUR open = 1000.00 + 333.33; weighted = (100000 × 10 + 33333 × 50) / 100 = 26666.5 → 266.67;
    // Late alone: 33333 × 50 / 100 = 16666.5 → 166.67. USD: 200.00 × 50% = 100.00. Won: 400.00 this month.
    expect(response.body).toEqual({
      pipelineId: pipeline.id,
      from: month(0),
      to: month(2),
      currencies: [
        {
          currency: 'EUR',
          totals: { openCount: 2, open: m('1333.33', 133333), weighted: m('266.67', 26667), wonCount: 1, won: m('400.00', 40000) },
          byStage: [
            { stageId: early, name: 'Early', probability: 10, openCount: 1, open: m('1000.00', 100000), weighted: m('100.00', 10000) },
            { stageId: late, name: 'Late', probability: 50, openCount: 1, open: m('333.33', 33333), weighted: m('166.67', 16667) },
          ],
          byMonth: [
            { month: month(0), openCount: 2, open: m('1333.33', 133333), weighted: m('266.67', 26667), wonCount: 1, won: m('400.00', 40000) },
            { month: month(1), openCount: 0, open: none, weighted: none, wonCount: 0, won: none },
            { month: month(2), openCount: 0, open: none, weighted: none, wonCount: 0, won: none },
          ],
        },
        {
          currency: 'USD',
          totals: { openCount: 1, open: m('200.00', 20000), weighted: m('100.00', 10000), wonCount: 0, won: none },
          byStage: [
            { stageId: early, name: 'Early', probability: 10, openCount: 0, open: none, weighted: none },
            { stageId: late, name: 'Late', probability: 50, openCount: 1, open: m('200.00', 20000), weighted: m('100.00', 10000) },
          ],
          byMonth: [
            { month: month(0), openCount: 0, open: none, weighted: none, wonCount: 0, won: none },
            { month: month(1), openCount: 1, open: m('200.00', 20000), weighted: m('100.00', 10000), wonCount: 0, won: none },
            { month: month(2), openCount: 0, open: none, weighted: none, wonCount: 0, won: none },
          ],
        },
      ],
    });
    // A sales rep's forecast counts only their own deals.
    expect((await req('GET', `/v1/deals/forecast?pipelineId=${pipeline.id}&from=${month(0)}&to=${month(2)}`, undefined, rep.token)).body.currencies).toEqual([]);
  });

  it('refuses a bad range naming the field', async () => {
    const badMonth = await req('GET', '/v1/deals/forecast?from=2026-13&to=2027-01');
    const backwards = await req('GET', '/v1/deals/forecast?from=2026-06&to=2026-05');
    const tooLong = await req('GET', '/v1/deals/forecast?from=2026-01&to=2030-01');

    expect([badMonth.status, backwards.status, tooLong.status]).toEqual([400, 400, 400]);
    expect(fieldsOf(badMonth)).toContain('query.from');
    expect(fieldsOf(backwards)).toContain('to');
    expect(fieldsOf(tooLong)).toContain('to');
  });
});

describe('lead conversion', () => {
  it('makes a lead a prospect with its first deal in the first stage, once; audited', async () => {
    const lead = await newContact(owner.token, { firstName: 'Lea', lastName: 'Lead', lifecycleStage: 'lead', sourceChannel: 'web' });

    const badBody = await req('POST', `/v1/contacts/${lead.id}/convert`, { title: 'First order', amount: '10.00' });
    const converted = await req('POST', `/v1/contacts/${lead.id}/convert`, { title: 'First order', amount: '10.00', currency: 'EUR', expectedCloseDate: '2026-12-24' });
    const again = await req('POST', `/v1/contacts/${lead.id}/convert`, { title: 'Second', amount: '1.00', currency: 'EUR', expectedCloseDate: '2026-12-24' });

    expect(badBody.status).toBe(400);
    expect(fieldsOf(badBody)).toEqual(expect.arrayContaining(['currency', 'expectedCloseDate']));
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    const pipeline = (await req('GET', '/v1/pipelines')).body.items[0];
    expect(converted.body).toMatchObject({ contactId: lead.id, title: 'First order', stageId: pipeline.stages[0].id, status: 'open', sourceChannel: 'web' });
    expect((await req('GET', `/v1/contacts/${lead.id}`)).body).toMatchObject({ lifecycleStage: 'prospect', version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'NOT_A_LEAD', details: { lifecycleStage: 'prospect' } });
    const events = await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId);
    expect(events.filter((event) => event.action === 'contact.converted')).toEqual([
      expect.objectContaining({ target: { type: 'contact', id: lead.id }, targetIds: [converted.body.id] }),
    ]);
  });

  it('refuses a contact the caller cannot see, and a caller without deals:write', async () => {
    const lead = await newContact(owner.token, { firstName: 'Hidden', lifecycleStage: 'lead' });
    const body = { title: 'X', amount: '1.00', currency: 'EUR', expectedCloseDate: '2026-12-24' };

    expect((await req('POST', `/v1/contacts/${lead.id}/convert`, body, rep.token)).status).toBe(404);
    expect((await req('POST', `/v1/contacts/${lead.id}/convert`, body, marketer.token)).status).toBe(403);
    expect((await req('GET', `/v1/contacts/${lead.id}`)).body.lifecycleStage).toBe('lead');
  });
});

describe('deals and the contact', () => {
  it('shows the open deals in the 360 view, counting the closed ones', async () => {
    const contact = await newContact();
    const open = await newDeal(contact.id, { title: 'Open one' });
    const won = await newDeal(contact.id, { title: 'Won one' });
    await req('POST', `/v1/deals/${won.id}/won`, {});

    const view = await req('GET', `/v1/contacts/${contact.id}/360`);

    expect(view.status).toBe(200);
    expect(view.body.deals).toEqual({
      open: [expect.objectContaining({ dealId: open.id, title: 'Open one', status: 'open', amount: '1250.50', currency: 'EUR' })],
      wonCount: 1,
      lostCount: 0,
    });
  });

  it('shows a caller without deals:read_all only the deals they may open: another owner\'s deal on their contact is not there', async () => {
    // Prepare: the rep's contact, with the rep's own deal and one the owner keeps
    const contact = await newContact(rep.token);
    const repsDeal = await newDeal(contact.id, { title: 'Rep deal' }, rep.token);
    const ownersDeal = await newDeal(contact.id, { title: 'Owner deal' });
    await req('POST', `/v1/deals/${ownersDeal.id}/won`, {});

    // Act
    const view = await req('GET', `/v1/contacts/${contact.id}/360`, undefined, rep.token);

    // Assess: the same answer as the deal routes give the rep
    expect((await req('GET', `/v1/deals/${ownersDeal.id}`, undefined, rep.token)).status).toBe(404);
    expect(view.body.deals).toEqual({ open: [expect.objectContaining({ dealId: repsDeal.id })], wonCount: 0, lostCount: 0 });
    expect(JSON.stringify(view.body)).not.toContain(ownersDeal.id);
    expect((await req('GET', `/v1/contacts/${contact.id}/360`)).body.deals).toMatchObject({ wonCount: 1 });
  });

  it('deletes a contact\'s deals with it, and takes them off their stage', async () => {
    const pipeline = await newPipeline([{ name: 'Doomed', probability: 10 }, { name: 'Kept', probability: 20 }]);
    const contact = await newContact();
    const deal = await newDeal(contact.id, { pipelineId: pipeline.id });

    expect((await req('DELETE', `/v1/contacts/${contact.id}`)).status).toBe(204);

    expect((await req('GET', `/v1/deals/${deal.id}`)).status).toBe(404);
    expect(await stored(keys.deal(owner.tenantId, deal.id))).toBeUndefined();
    // The stage has no open deal left, so it can go.
    const removed = await req('PATCH', `/v1/pipelines/${pipeline.id}`, { stages: [{ id: pipeline.stages[1]!.id, name: 'Kept', probability: 20 }] });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
  });

  it('refuses merging away a contact that has deals', async () => {
    const target = await newContact(owner.token, { firstName: 'Target' });
    const source = await newContact(owner.token, { firstName: 'Source' });
    await newDeal(source.id);

    const merged = await req('POST', `/v1/contacts/${target.id}/merge`, { sourceId: source.id });

    expect(merged.status).toBe(409);
    expect(merged.body.error.code).toBe('CONTACT_HAS_DEALS');
    expect((await req('GET', `/v1/contacts/${source.id}`)).status).toBe(200);
  });
});

describe('offboarding a workspace', () => {
  it('erases its pipelines, deals and their snapshots', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Sales' });
    const contact = (await req('POST', '/v1/contacts', { firstName: 'Gone' }, tenant.token)).body;
    const custom = (await req('POST', '/v1/pipelines', { name: 'Gone too', stages: [{ name: 'Only', probability: 50 }] }, tenant.token)).body;
    const inDefault = (await req('POST', '/v1/deals', aDeal(contact.id), tenant.token)).body;
    const inCustom = (await req('POST', '/v1/deals', aDeal(contact.id, { pipelineId: custom.id }), tenant.token)).body;
    const defaultId = inDefault.pipelineId;

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Sales' } });

    // Assess
    expect(receipt.status).toBe(200);
    for (const key of [
      keys.deal(tenant.tenantId, inDefault.id),
      keys.deal(tenant.tenantId, inCustom.id),
      keys.contactDeal(tenant.tenantId, contact.id, inDefault.id),
      keys.pipeline(tenant.tenantId, custom.id),
      keys.pipeline(tenant.tenantId, defaultId),
    ]) {
      expect(await stored(key), key.pk).toBeUndefined();
    }
  });
});
