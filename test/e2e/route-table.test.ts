import { isPermission } from '@rapport/domain';
import { ROUTES, type RouteId } from '@rapport/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * Walks the whole route table, so a route added later is covered without anyone remembering to.
 */
const stack = useTestApi();
const routes = Object.entries(ROUTES) as [RouteId, (typeof ROUTES)[RouteId]][];
const guarded = routes.filter(([, route]) => isPermission(route.authorization));
const withId = routes.filter(([, route]) => route.path.includes('{id}') && route.authorization !== 'public' && route.authorization !== 'ingest-key');

let tenantA: Awaited<ReturnType<typeof stack.api.newTenant>>;
let tenantB: Awaited<ReturnType<typeof stack.api.newTenant>>;
let powerless: { token: string };
/** A real record of tenant A for each kind of `{id}`. */
const idsOfA: Record<string, string> = {};

/** A valid body for routes that take one, so the request reaches the record lookup. */
const BODIES: Partial<Record<RouteId, unknown>> = {
  updateContact: { title: 'Changed by another tenant' },
  updateRole: { name: 'Changed by another tenant' },
  updateUser: { name: 'Changed by another tenant' },
  updateCompany: { name: 'Changed by another tenant' },
  addTransaction: { items: [{ product: 'Tea', quantity: 1, unitPrice: '1.00' }], currency: 'EUR' },
  addInteraction: { type: 'note', body: 'Written by another tenant' },
  addFeedback: { kind: 'csat', score: 1 },
  updateField: { label: 'Changed by another tenant' },
  mergeContact: { sourceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
  mapImport: { columns: { 'First Name': 'firstName' } },
  updateWebhook: { description: 'Changed by another tenant' },
  updateSegment: { name: 'Changed by another tenant' },
  updateCampaign: { name: 'Changed by another tenant' },
  recordCampaignConversion: { contactId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
  updatePipeline: { name: 'Changed by another tenant' },
  updateDeal: { title: 'Changed by another tenant' },
  moveDeal: { stageId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
  loseDeal: { reason: 'Lost by another tenant' },
  winDeal: {},
  convertContact: { title: 'Taken by another tenant', amount: '1.00', currency: 'EUR', expectedCloseDate: '2026-12-31' },
  updateTicket: { subject: 'Changed by another tenant' },
  replyToTicket: { body: 'Written by another tenant' },
  updateTask: { title: 'Changed by another tenant' },
};
const KIND_OF: Partial<Record<RouteId, 'contact' | 'role' | 'user' | 'ingest-key' | 'company' | 'field' | 'import' | 'webhook' | 'segment' | 'campaign' | 'pipeline' | 'deal' | 'ticket' | 'task' | 'audit-event'>> = {
  getContact: 'contact',
  updateContact: 'contact',
  deleteContact: 'contact',
  exportContactSubject: 'contact',
  eraseContact: 'contact',
  getRole: 'role',
  updateRole: 'role',
  deleteRole: 'role',
  updateUser: 'user',
  deleteUser: 'user',
  deleteIngestKey: 'ingest-key',
  getCompany: 'company',
  updateCompany: 'company',
  deleteCompany: 'company',
  addTransaction: 'contact',
  listTransactions: 'contact',
  addInteraction: 'contact',
  listInteractions: 'contact',
  addFeedback: 'contact',
  listFeedback: 'contact',
  getCustomer360: 'contact',
  getField: 'field',
  updateField: 'field',
  deleteField: 'field',
  listContactDuplicates: 'contact',
  mergeContact: 'contact',
  undoContactMerge: 'contact',
  getImport: 'import',
  previewImport: 'import',
  mapImport: 'import',
  dryRunImport: 'import',
  commitImport: 'import',
  getWebhook: 'webhook',
  updateWebhook: 'webhook',
  deleteWebhook: 'webhook',
  rotateWebhookSecret: 'webhook',
  testWebhook: 'webhook',
  listWebhookDeliveries: 'webhook',
  getSegment: 'segment',
  updateSegment: 'segment',
  deleteSegment: 'segment',
  listSegmentMembers: 'segment',
  countSegmentMembers: 'segment',
  getCampaign: 'campaign',
  updateCampaign: 'campaign',
  deleteCampaign: 'campaign',
  launchCampaign: 'campaign',
  recordCampaignConversion: 'campaign',
  getPipeline: 'pipeline',
  updatePipeline: 'pipeline',
  getDeal: 'deal',
  updateDeal: 'deal',
  deleteDeal: 'deal',
  moveDeal: 'deal',
  winDeal: 'deal',
  loseDeal: 'deal',
  convertContact: 'contact',
  getTicket: 'ticket',
  updateTicket: 'ticket',
  replyToTicket: 'ticket',
  resolveTicket: 'ticket',
  reopenTicket: 'ticket',
  getCustomerScores: 'contact',
  getTask: 'task',
  updateTask: 'task',
  deleteTask: 'task',
  completeTask: 'task',
  getAuditEventProof: 'audit-event',
};

beforeAll(async () => {
  tenantA = await stack.api.newTenant();
  tenantB = await stack.api.newTenant();
  idsOfA.contact = (await stack.api.request('POST', '/v1/contacts', { token: tenantA.token, body: { firstName: 'A' } })).body.id;
  idsOfA['ingest-key'] = (await stack.api.request('POST', '/v1/ingest-keys', { token: tenantA.token, body: { name: 'A site' } })).body.id;
  idsOfA.webhook = (await stack.api.request('POST', '/v1/webhooks', { token: tenantA.token, body: { url: 'https://hooks.example.com/a', events: ['*'] } })).body.id;
  idsOfA.company = (await stack.api.request('POST', '/v1/companies', { token: tenantA.token, body: { name: 'A Ltd' } })).body.id;
  idsOfA.task = (await stack.api.request('POST', '/v1/tasks', { token: tenantA.token, body: { title: 'Call A', type: 'call', dueAt: '2030-01-01T09:00:00Z' } })).body.id;
  idsOfA.field = (await stack.api.request('POST', '/v1/fields', { token: tenantA.token, body: { entity: 'contact', key: 'tier', label: 'Tier', type: 'text' } })).body.id;
  const anImport = (await stack.api.request('POST', '/v1/imports', { token: tenantA.token, body: { entity: 'contacts', fileName: 'a.csv' } })).body;
  await fetch(anImport.upload.url, { method: 'PUT', body: 'First Name\nA\n', headers: anImport.upload.headers });
  idsOfA.import = anImport.id;
  idsOfA.role = (await stack.api.request('POST', '/v1/roles', { token: tenantA.token, body: { name: 'Nothing', permissions: [] } })).body.id;
  const nobody = await joinAs(stack.api, tenantA.token, stack.mailDir, idsOfA.role!, inviteTokenFor);
  idsOfA.user = nobody.userId;
  powerless = nobody;
  idsOfA.segment = (await stack.api.request('POST', '/v1/segments', { token: tenantA.token, body: { name: 'A segment', rules: { all: [{ field: 'region', op: 'eq', value: 'east' }] } } })).body.id;
  idsOfA.campaign = (await stack.api.request('POST', '/v1/campaigns', { token: tenantA.token, body: { name: 'A campaign', channel: 'email', segmentId: idsOfA.segment, currency: 'EUR' } })).body.id;
  // Not the default pipeline: its id is the same in every workspace (each has its own).
  idsOfA.pipeline = (await stack.api.request('POST', '/v1/pipelines', { token: tenantA.token, body: { name: 'A pipeline', stages: [{ name: 'Only', probability: 50 }] } })).body.id;
  idsOfA.deal = (
    await stack.api.request('POST', '/v1/deals', {
      token: tenantA.token,
      body: { title: 'A deal', contactId: idsOfA.contact, amount: '10.00', currency: 'EUR', expectedCloseDate: '2026-12-31' },
    })
  ).body.id;
  idsOfA.ticket = (await stack.api.request('POST', '/v1/tickets', { token: tenantA.token, body: { subject: 'A ticket' } })).body.id;
  idsOfA['audit-event'] = (await stack.api.request('GET', '/v1/audit/events?limit=1', { token: tenantA.token })).body.items[0].eventId;
});

const pathFor = (path: string, id: string) => path.replace('{id}', id).replace('{mergeId}', '01ARZ3NDEKTSV4RRFFQ69G5FAV');

describe('the route table', () => {
  it('declares who may call every route', () => {
    for (const [id, route] of routes) {
      expect(['public', 'member', 'ingest-key'].includes(route.authorization) || isPermission(route.authorization), id).toBe(true);
    }
    // Member-only routes are self-service; anything else must name a permission.
    expect(routes.filter(([, route]) => route.authorization === 'member').map(([id]) => id)).toEqual(['logout', 'getMe', 'changePassword']);
  });

  it.each(guarded)('%s refuses a member whose role lacks its permission with 403 naming it', async (_id, route) => {
    const response = await stack.api.request(route.method, pathFor(route.path, '01ARZ3NDEKTSV4RRFFQ69G5FAV'), {
      token: powerless.token,
      ...(route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT' ? { body: {} } : {}),
    });

    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe(route.authorization);
  });

  it('has a cross-tenant case for every route that takes an id', () => {
    expect(withId.map(([id]) => id).filter((id) => !KIND_OF[id])).toEqual([]);
  });

  it.each(withId)('%s answers another tenant\'s id with 404, as for an id that does not exist', async (id, route) => {
    const kind = KIND_OF[id]!;

    const response = await stack.api.request(route.method, pathFor(route.path, idsOfA[kind]!), {
      token: tenantB.token,
      ...(BODIES[id] ? { body: BODIES[id] } : {}),
    });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('left tenant A\'s records untouched', async () => {
    expect((await stack.api.request('GET', `/v1/contacts/${idsOfA.contact}`, { token: tenantA.token })).body.version).toBe(1);
    expect((await stack.api.request('GET', `/v1/roles/${idsOfA.role}`, { token: tenantA.token })).body.name).toBe('Nothing');
    expect((await stack.api.request('GET', `/v1/companies/${idsOfA.company}`, { token: tenantA.token })).body).toMatchObject({ name: 'A Ltd', version: 1 });
    expect((await stack.api.request('GET', `/v1/fields/${idsOfA.field}`, { token: tenantA.token })).body).toMatchObject({ label: 'Tier', version: 1 });
    expect((await stack.api.request('GET', `/v1/webhooks/${idsOfA.webhook}`, { token: tenantA.token })).body).toMatchObject({ version: 1, url: 'https://hooks.example.com/a' });
    expect((await stack.api.request('GET', `/v1/tasks/${idsOfA.task}`, { token: tenantA.token })).body).toMatchObject({ title: 'Call A', status: 'open', version: 1 });
    const view = (await stack.api.request('GET', `/v1/contacts/${idsOfA.contact}/360`, { token: tenantA.token })).body;
    expect([view.transactions.count, view.timeline.count, view.feedback.count]).toEqual([0, 0, 0]);
    expect((await stack.api.request('GET', `/v1/deals/${idsOfA.deal}`, { token: tenantA.token })).body).toMatchObject({ title: 'A deal', version: 1, status: 'open' });
    expect((await stack.api.request('GET', `/v1/pipelines/${idsOfA.pipeline}`, { token: tenantA.token })).body).toMatchObject({ name: 'A pipeline', version: 1 });
    expect((await stack.api.request('GET', `/v1/imports/${idsOfA.import}`, { token: tenantA.token })).body).toMatchObject({ status: 'awaiting_upload', version: 1 });
    expect((await stack.api.request('GET', `/v1/segments/${idsOfA.segment}`, { token: tenantA.token })).body).toMatchObject({ name: 'A segment', version: 1 });
    expect((await stack.api.request('GET', `/v1/campaigns/${idsOfA.campaign}`, { token: tenantA.token })).body).toMatchObject({ name: 'A campaign', status: 'draft', version: 1 });
    expect((await stack.api.request('GET', `/v1/tickets/${idsOfA.ticket}`, { token: tenantA.token })).body).toMatchObject({ subject: 'A ticket', status: 'open', version: 1 });
    const users = (await stack.api.request('GET', '/v1/users', { token: tenantA.token })).body.items;
    expect(users.find((user: { id: string }) => user.id === idsOfA.user)).toMatchObject({ name: 'Team Member', version: 2 });
  });
});
