import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { mailsTo, surveyTokenFor } from '../support/surveys';
import { useTestApi } from '../support/test-stack';

/**
 * Service tickets over HTTP against the local stack: the SLA policy, the lifecycle with its
 * first-response and resolution times, breaches, complaints, satisfaction surveys.
 *
 * Time: the handlers run in this process, so faking only `Date` (timers stay real) moves the
 * server's clock too. It is only ever moved forward by minutes, well within the tokens' hour.
 */
const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let agent: { token: string; userId: string };
let viewer: { token: string };

beforeAll(async () => {
  owner = await stack.api.newTenant();
  agent = await joinAs(stack.api, owner.token, stack.mailDir, 'support_agent', inviteTokenFor);
  viewer = await joinAs(stack.api, owner.token, stack.mailDir, 'read_only', inviteTokenFor);
});
afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;
const request = (method: string, path: string, body?: unknown, token = owner.token) => stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
const at = (time: number) => new Date(time).toISOString();
/** Freezes the clock of this process (and so of the API's handlers) at `time`. */
function setClock(time: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
}
const policy = (minutes: { fr: number; res: number }) => ({
  targets: Object.fromEntries(['low', 'normal', 'high', 'urgent'].map((priority) => [priority, { firstResponseMinutes: minutes.fr, resolutionMinutes: minutes.res }])),
});
async function newContact(body: Record<string, unknown> = {}) {
  const email = `customer-${Math.random().toString(36).slice(2)}@example.com`;
  const response = await request('POST', '/v1/contacts', { firstName: 'Jane', email, region: 'EMEA', ...body });
  expect(response.status).toBe(201);
  return { id: response.body.id as string, email };
}
const storedTicket = async (tenantId: string, id: string) =>
  (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.ticket(tenantId, id), ConsistentRead: true }))).Item;

describe('SLA policy', () => {
  it('starts at the documented defaults, in calendar minutes', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();

    // Act
    const response = await request('GET', '/v1/tickets/sla', undefined, tenant.token);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      targets: {
        urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
        normal: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
        low: { firstResponseMinutes: 1440, resolutionMinutes: 7200 },
      },
      calendar: 'calendar',
      updatedAt: null,
      version: 0,
    });
  });

  it('is set with tickets:manage, audited, and refuses bad targets naming the field', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const bad = policy({ fr: 30, res: 60 });
    (bad.targets as Record<string, unknown>).urgent = { firstResponseMinutes: 60, resolutionMinutes: 30 };

    // Act
    const refused = await request('PUT', '/v1/tickets/sla', bad, tenant.token);
    const zero = await request('PUT', '/v1/tickets/sla', policy({ fr: 0, res: 60 }), tenant.token);
    const forbidden = await request('PUT', '/v1/tickets/sla', policy({ fr: 30, res: 60 }), agent.token);
    const set = await request('PUT', '/v1/tickets/sla', policy({ fr: 30, res: 60 }), tenant.token);
    const read = await request('GET', '/v1/tickets/sla', undefined, tenant.token);

    // Assess
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('targets.urgent.resolutionMinutes');
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body)).toContain('targets.low.firstResponseMinutes');
    expect(forbidden.status).toBe(403);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ version: 1, targets: { high: { firstResponseMinutes: 30, resolutionMinutes: 60 } } });
    expect(read.body).toEqual(set.body);
    const actions = (await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId)).map((event) => event.action);
    expect(actions.filter((action) => action === 'sla.updated')).toHaveLength(1);
  });
});

describe('ticket lifecycle', () => {
  it('records first response and resolution times, asks for a rating by email, and takes it once', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const tenantAgent = await joinAs(stack.api, tenant.token, stack.mailDir, 'support_agent', inviteTokenFor);
    await request('PUT', '/v1/tickets/sla', policy({ fr: 60, res: 240 }), tenant.token);
    const contactResponse = await request('POST', '/v1/contacts', { firstName: 'Ada', email: 'ada.customer@example.com', region: 'EMEA' }, tenant.token);
    const contactId = contactResponse.body.id as string;
    const t0 = Date.now();
    setClock(t0);

    // Act
    const created = await request('POST', '/v1/tickets', { subject: 'Parcel never arrived', description: 'Order 1234', contactId, priority: 'urgent', channel: 'email', assigneeId: tenantAgent.userId }, tenant.token);
    const id = created.body.id as string;
    setClock(t0 + 10 * MINUTE);
    const reply = await request('POST', `/v1/tickets/${id}/replies`, { body: 'We are on it' }, tenantAgent.token);
    setClock(t0 + 20 * MINUTE);
    await request('POST', `/v1/tickets/${id}/replies`, { body: 'Found it' }, tenantAgent.token);
    setClock(t0 + 30 * MINUTE);
    const resolved = await request('POST', `/v1/tickets/${id}/resolve`, undefined, tenantAgent.token);
    vi.useRealTimers();
    const token = surveyTokenFor(stack.mailDir, 'ada.customer@example.com');
    const answered = await stack.api.request('POST', `/v1/surveys/${token}`, { body: { score: 4, comment: 'Quick, thanks' } });
    const again = await stack.api.request('POST', `/v1/surveys/${token}`, { body: { score: 1 } });
    const unknown = await stack.api.request('POST', `/v1/surveys/${tenant.tenantId}.${'A'.repeat(43)}`, { body: { score: 3 } });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/tickets/${id}`);
    expect(created.body).toMatchObject({
      subject: 'Parcel never arrived',
      status: 'open',
      priority: 'urgent',
      region: 'EMEA',
      createdAt: at(t0),
      firstResponseDueAt: at(t0 + 60 * MINUTE),
      resolutionDueAt: at(t0 + 240 * MINUTE),
      firstResponseBreached: false,
      resolutionBreached: false,
      version: 1,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ ticketId: id, body: 'We are on it', authorId: tenantAgent.userId, createdAt: at(t0 + 10 * MINUTE) });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      firstResponseAt: at(t0 + 10 * MINUTE),
      resolvedAt: at(t0 + 30 * MINUTE),
      firstResponseBreached: false,
      resolutionBreached: false,
      survey: { requestedAt: at(t0 + 30 * MINUTE), validUntil: at(t0 + 30 * MINUTE + 14 * 1440 * MINUTE), delivery: 'email' },
      version: 4,
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toEqual({ ticketId: id, score: 4 });
    expect(again.status).toBe(410);
    expect(unknown.status).toBe(410);
    const feedback = await request('GET', `/v1/contacts/${contactId}/feedback`, undefined, tenant.token);
    expect(feedback.body.items).toEqual([expect.objectContaining({ kind: 'csat', score: 4, comment: 'Quick, thanks', ticketId: id, channel: 'survey' })]);
    const rated = await request('GET', `/v1/tickets/${id}`, undefined, tenant.token);
    expect(rated.body.satisfaction).toMatchObject({ score: 4, feedbackId: feedback.body.items[0].id });
    const stored = await storedTicket(tenant.tenantId, id);
    expect(stored).toMatchObject({ entity: 'ticket', status: 'resolved', firstResponseBreached: false, resolutionBreached: false });
    expect(stored!.subject).not.toContain('Parcel');
    expect(stored!.gsi2pk).toBeUndefined(); // out of the due-time index once resolved
    const actions = (await auditEventsInTable(stack.documents, stack.tableName, tenant.tenantId)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.created', 'ticket.replied', 'ticket.resolved', 'survey.answered']));
  });

  it('validates status transitions, naming the one refused, and reopens a resolved ticket', async () => {
    // Prepare
    const created = await request('POST', '/v1/tickets', { subject: 'Printer on fire' });
    const id = created.body.id as string;

    // Act
    const pending = await request('PATCH', `/v1/tickets/${id}`, { status: 'pending', version: 1 });
    const stale = await request('PATCH', `/v1/tickets/${id}`, { priority: 'high', version: 1 });
    const closedTooEarly = await request('PATCH', `/v1/tickets/${id}`, { status: 'closed' });
    const resolved = await request('PATCH', `/v1/tickets/${id}`, { status: 'resolved' });
    const reopened = await request('POST', `/v1/tickets/${id}/reopen`);
    const reopenOpen = await request('POST', `/v1/tickets/${id}/reopen`);
    await request('POST', `/v1/tickets/${id}/resolve`);
    const closed = await request('PATCH', `/v1/tickets/${id}`, { status: 'closed' });
    const afterClose = await request('PATCH', `/v1/tickets/${id}`, { status: 'open' });

    // Assess
    expect(pending.status).toBe(200);
    expect(pending.body.status).toBe('pending');
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(closedTooEarly.status).toBe(409);
    expect(closedTooEarly.body.error.message).toBe('A ticket cannot move from pending to closed');
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    expect(resolved.body.survey).toBeUndefined(); // no contact: no survey
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.resolvedAt).toBeUndefined();
    expect(reopenOpen.status).toBe(409);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.error.message).toBe('A ticket cannot move from closed to open');
  });

  it('moves the due times when the priority changes, from the creation time', async () => {
    // Prepare
    const created = await request('POST', '/v1/tickets', { subject: 'Slow site', priority: 'low' });

    // Act
    const changed = await request('PATCH', `/v1/tickets/${created.body.id}`, { priority: 'urgent' });

    // Assess
    const createdAt = Date.parse(created.body.createdAt);
    expect(changed.body).toMatchObject({ priority: 'urgent', firstResponseDueAt: at(createdAt + 60 * MINUTE), resolutionDueAt: at(createdAt + 240 * MINUTE) });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    // Prepare
    const other = await stack.api.newTenant();
    const before = (await request('GET', '/v1/tickets?limit=100')).body.items.length;

    // Act
    const noSubject = await request('POST', '/v1/tickets', { priority: 'normal' });
    const badPriority = await request('POST', '/v1/tickets', { subject: 'x', priority: 'asap' });
    const stranger = await request('POST', '/v1/tickets', { subject: 'x', assigneeId: other.userId });
    const foreignContact = await request('POST', '/v1/tickets', { subject: 'x', contactId: (await request('POST', '/v1/contacts', { firstName: 'O' }, other.token)).body.id });
    const badScore = await stack.api.request('POST', `/v1/surveys/whatever`, { body: { score: 6 } });

    // Assess
    expect(noSubject.status).toBe(400);
    expect(JSON.stringify(noSubject.body)).toContain('subject');
    expect(badPriority.status).toBe(400);
    expect(JSON.stringify(badPriority.body)).toContain('priority');
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details.fields).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    expect(foreignContact.status).toBe(400);
    expect(foreignContact.body.error.details.fields).toEqual([expect.objectContaining({ field: 'contactId' })]);
    expect(badScore.status).toBe(400);
    expect(JSON.stringify(badScore.body)).toContain('score');
    expect((await request('GET', '/v1/tickets?limit=100')).body.items.length).toBe(before);
  });
});

describe('breaches', () => {
  it('flags a late or missing response and resolution, lists breached tickets by due time, and stores the final flags', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    await request('PUT', '/v1/tickets/sla', policy({ fr: 1, res: 3 }), tenant.token);
    const t0 = Date.now();
    setClock(t0);
    const silent = (await request('POST', '/v1/tickets', { subject: 'Nobody answers' }, tenant.token)).body.id as string;
    const answered = (await request('POST', '/v1/tickets', { subject: 'Answered at once' }, tenant.token)).body.id as string;
    await request('POST', `/v1/tickets/${answered}/replies`, { body: 'Hello' }, tenant.token);
    const breachedIds = async () => (await request('GET', '/v1/tickets?breached=true', undefined, tenant.token)).body.items.map((ticket: { id: string }) => ticket.id);

    // Act + Assess: before any due time
    expect(await breachedIds()).toEqual([]);

    // 90 s in: the silent ticket's first response is overdue
    setClock(t0 + 1.5 * MINUTE);
    const overdue = await request('GET', `/v1/tickets/${silent}`, undefined, tenant.token);
    expect(overdue.body).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
    expect((await request('GET', `/v1/tickets/${answered}`, undefined, tenant.token)).body).toMatchObject({ firstResponseBreached: false, resolutionBreached: false });
    expect(await breachedIds()).toEqual([silent]);

    // A late answer keeps the breach (and the ticket listed)
    setClock(t0 + 2 * MINUTE);
    const late = await request('POST', `/v1/tickets/${silent}/replies`, { body: 'Sorry' }, tenant.token);
    expect(late.status).toBe(201);
    expect(await storedTicket(tenant.tenantId, silent)).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
    expect(await breachedIds()).toEqual([silent]);

    // 4 minutes in: both are past their resolution due time, listed earliest due first
    setClock(t0 + 4 * MINUTE);
    expect(await breachedIds()).toEqual([silent, answered]);
    const resolved = await request('POST', `/v1/tickets/${silent}/resolve`, undefined, tenant.token);
    expect(resolved.body).toMatchObject({ status: 'resolved', firstResponseBreached: true, resolutionBreached: true });
    expect(await storedTicket(tenant.tenantId, silent)).toMatchObject({ status: 'resolved', firstResponseBreached: true, resolutionBreached: true });
    expect(await breachedIds()).toEqual([answered]);
    const page = await request('GET', '/v1/tickets?breached=true&limit=1', undefined, tenant.token);
    expect(page.body.items).toHaveLength(1);
  });
});

describe('complaints', () => {
  it('opens a complaint ticket with the feedback, and its resolution closes the complaint', async () => {
    // Prepare
    const contact = await newContact();

    // Act
    const complaint = await request('POST', `/v1/contacts/${contact.id}/feedback`, { kind: 'complaint', comment: 'Rude driver', channel: 'phone' });
    const ticketId = complaint.body.ticketId as string;
    const ticket = await request('GET', `/v1/tickets/${ticketId}`);
    const view = await request('GET', `/v1/contacts/${contact.id}/360`);
    await request('POST', `/v1/tickets/${ticketId}/resolve`);
    const feedback = await request('GET', `/v1/contacts/${contact.id}/feedback`);
    const viewAfter = await request('GET', `/v1/contacts/${contact.id}/360`);

    // Assess
    expect(complaint.status).toBe(201);
    expect(complaint.body).toMatchObject({ kind: 'complaint', status: 'open', ticketId: expect.any(String) });
    expect(ticket.body).toMatchObject({ channel: 'complaint', feedbackId: complaint.body.id, contactId: contact.id, description: 'Rude driver', status: 'open', region: 'EMEA' });
    expect(view.body.tickets).toMatchObject({ open: [expect.objectContaining({ id: ticketId, status: 'open', channel: 'complaint' })], count: 1 });
    expect(view.body.feedback.openComplaints).toBe(1);
    expect(feedback.body.items.find((item: { id: string }) => item.id === complaint.body.id)).toMatchObject({ status: 'closed', ticketId });
    expect(viewAfter.body.tickets).toMatchObject({ open: [], count: 1 });
    expect(viewAfter.body.feedback.openComplaints).toBe(0);
  });
});

describe('surveys', () => {
  it('records the request on the ticket without mail for a contact without an email', async () => {
    // Prepare
    const contact = await request('POST', '/v1/contacts', { firstName: 'No', lastName: 'Mail', phone: '+44 20 7946 0999' });
    const ticket = await request('POST', '/v1/tickets', { subject: 'Call me', contactId: contact.body.id });

    // Act
    const resolved = await request('POST', `/v1/tickets/${ticket.body.id}/resolve`);

    // Assess
    expect(resolved.body.survey).toMatchObject({ delivery: 'none' });
    const surveys = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.ticket(owner.tenantId, ticket.body.id) }));
    expect(surveys.Item?.survey).toMatchObject({ delivery: 'none' });
  });

  it('answers an expired survey link with 410 and records nothing', async () => {
    // Prepare
    const contact = await newContact();
    const ticket = await request('POST', '/v1/tickets', { subject: 'Late rating', contactId: contact.id });
    await request('POST', `/v1/tickets/${ticket.body.id}/resolve`);
    const token = surveyTokenFor(stack.mailDir, contact.email);
    setClock(Date.now() + 15 * 1440 * MINUTE); // the survey route is public: no user token to outlive

    // Act
    const late = await stack.api.request('POST', `/v1/surveys/${token}`, { body: { score: 5 } });

    // Assess
    vi.useRealTimers();
    expect(late.status).toBe(410);
    expect(late.body.error.details).toMatchObject({ reason: 'expired' });
    expect((await request('GET', `/v1/contacts/${contact.id}/feedback`)).body.items).toEqual([]);
  });

  it('mails only a link, never the ticket subject', async () => {
    // Prepare
    const contact = await newContact();
    const ticket = await request('POST', '/v1/tickets', { subject: 'Secret subject 42', contactId: contact.id });

    // Act
    await request('POST', `/v1/tickets/${ticket.body.id}/resolve`);

    // Assess
    const mails = mailsTo(stack.mailDir, contact.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatch(/survey\?token=/);
    expect(mails[0]).not.toContain('Secret subject 42');
  });
});

describe('listing and personal data', () => {
  it('pages tickets and filters them by priority, assignee and status', async () => {
    // Prepare
    const tenant = await stack.api.newTenant();
    const member = await joinAs(stack.api, tenant.token, stack.mailDir, 'support_agent', inviteTokenFor);
    const ids: string[] = [];
    for (const priority of ['high', 'high', 'low']) {
      ids.push((await request('POST', '/v1/tickets', { subject: `T ${priority}`, priority, ...(priority === 'low' ? { assigneeId: member.userId } : {}) }, tenant.token)).body.id);
    }

    // Act
    const first = await request('GET', '/v1/tickets?limit=2', undefined, tenant.token);
    const second = await request('GET', `/v1/tickets?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, undefined, tenant.token);
    const high = await request('GET', '/v1/tickets?priority=high', undefined, tenant.token);
    const mine = await request('GET', `/v1/tickets?assigneeId=${member.userId}`, undefined, tenant.token);
    const resolvedOnes = await request('GET', '/v1/tickets?status=resolved', undefined, tenant.token);
    const badFilter = await request('GET', '/v1/tickets?breached=false', undefined, tenant.token);

    // Assess
    expect(first.body.items.map((ticket: { id: string }) => ticket.id)).toEqual(ids.slice(0, 2));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items.map((ticket: { id: string }) => ticket.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
    expect(high.body.items.map((ticket: { id: string }) => ticket.id)).toEqual(ids.slice(0, 2));
    expect(mine.body.items.map((ticket: { id: string }) => ticket.id)).toEqual([ids[2]]);
    expect(resolvedOnes.body.items).toEqual([]);
    expect(badFilter.status).toBe(400);
    expect(JSON.stringify(badFilter.body)).toContain('breached');
  });

  it('masks subject, description and replies without pii:read, and audits reads in clear', async () => {
    // Prepare
    const created = await request('POST', '/v1/tickets', { subject: 'Jane Doe, 12 High St', description: 'Card 4111' });
    const id = created.body.id as string;

    // Act
    const masked = await request('GET', `/v1/tickets/${id}`, undefined, viewer.token);
    const listed = await request('GET', '/v1/tickets?limit=100', undefined, viewer.token);
    const clear = await request('GET', `/v1/tickets/${id}`, undefined, agent.token);
    const writeRefused = await request('POST', `/v1/tickets/${id}/replies`, { body: 'x' }, viewer.token);

    // Assess
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ subject: '***', description: '***' });
    expect(JSON.stringify(listed.body)).not.toContain('Jane Doe');
    expect(clear.body).toMatchObject({ subject: 'Jane Doe, 12 High St', description: 'Card 4111' });
    expect(writeRefused.status).toBe(403);
    const stored = await storedTicket(owner.tenantId, id);
    expect(JSON.stringify(stored)).not.toContain('Jane Doe');
    const events = await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId);
    expect(events.some((event) => event.action === 'ticket.pii_read' && event.targetIds?.includes(id))).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Jane Doe');
  });
});

describe('contact deletion and offboarding', () => {
  it('deletes the snapshot with its contact, and later ticket changes do not bring it back', async () => {
    // Prepare
    const contact = await newContact();
    const ticket = await request('POST', '/v1/tickets', { subject: 'Before deletion', contactId: contact.id });
    const snapshotKey = keys.contactTicket(owner.tenantId, contact.id, ticket.body.id);
    const snapshot = async () => (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: snapshotKey, ConsistentRead: true }))).Item;
    expect(await snapshot()).toMatchObject({ entity: 'contact-ticket', status: 'open', priority: 'normal' });

    // Act
    const deleted = await request('DELETE', `/v1/contacts/${contact.id}`);
    const changed = await request('PATCH', `/v1/tickets/${ticket.body.id}`, { priority: 'high' });
    const resolved = await request('POST', `/v1/tickets/${ticket.body.id}/resolve`);

    // Assess
    expect(deleted.status).toBe(204);
    expect(changed.status).toBe(200);
    expect(resolved.status).toBe(200);
    expect(resolved.body.survey).toBeUndefined(); // no contact left to ask
    expect(await snapshot()).toBeUndefined();
  });

  it("moves a merged contact's ticket snapshots into the surviving contact's 360 view", async () => {
    // Prepare
    const target = await newContact({ firstName: 'Stays' });
    const source = await newContact({ firstName: 'Goes' });
    const ticket = await request('POST', '/v1/tickets', { subject: 'On the duplicate', contactId: source.id });

    // Act
    const merged = await request('POST', `/v1/contacts/${target.id}/merge`, { sourceId: source.id });
    const view = await request('GET', `/v1/contacts/${target.id}/360`);

    // Assess
    expect(merged.status).toBe(200);
    expect(view.body.tickets.open).toEqual([expect.objectContaining({ id: ticket.body.id, contactId: target.id })]);
    const left = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contactTicket(owner.tenantId, source.id, ticket.body.id), ConsistentRead: true }));
    expect(left.Item).toBeUndefined();
  });

  it('erases tickets, replies, snapshots, survey requests and the SLA policy of an offboarded workspace', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Desk' });
    await request('PUT', '/v1/tickets/sla', policy({ fr: 10, res: 20 }), tenant.token);
    const contact = await request('POST', '/v1/contacts', { firstName: 'Gone', email: 'gone.customer@example.com' }, tenant.token);
    const ticket = await request('POST', '/v1/tickets', { subject: 'Gone', contactId: contact.body.id }, tenant.token);
    await request('POST', `/v1/tickets/${ticket.body.id}/replies`, { body: 'Bye' }, tenant.token);
    await request('POST', `/v1/tickets/${ticket.body.id}/resolve`, undefined, tenant.token);
    await request('POST', `/v1/contacts/${contact.body.id}/feedback`, { kind: 'complaint', comment: 'Gone' }, tenant.token);

    // Act
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Desk' } });

    // Assess
    expect(receipt.status).toBe(200);
    const { Items = [] } = await stack.documents.send(
      new ScanCommand({ TableName: stack.tableName, FilterExpression: 'begins_with(pk, :tenant)', ExpressionAttributeValues: { ':tenant': `TENANT#${tenant.tenantId}` } }),
    );
    expect(Items.filter((item) => !String(item.pk).endsWith('#AUDIT')).map((item) => `${item.pk} ${item.sk}`)).toEqual([]);
  });
});
