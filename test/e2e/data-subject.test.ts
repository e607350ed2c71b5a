import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ANALYTICS_ENTITIES, ANALYTICS_TOMBSTONE_DAYS, AUDIT_EVENT_ENTITY, keys } from '@rapport/data';
import { ERASED_KINDS } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { contactWith, daysAgo, EXAMPLE_RULES, writeScores } from '../support/marketing-fixtures';
import { useTestApi } from '../support/test-stack';

// The analytics projector runs, so what it writes after an erasure is in the table the test scans.
const stack = useTestApi({ analyticsPipeline: true });
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;

/** The person whose rights are exercised: every value here is personal and must leave no trace once erased. */
const PERSON = {
  firstName: 'Erin',
  lastName: 'Subject',
  email: 'erin.subject@example.com',
  phone: '+12065550177',
  address: '7 Quay Lane, Bristol',
  notes: 'Asked about her mortgage',
  region: 'east',
};
const SECRETS = {
  interaction: 'Erin called about the late parcel',
  feedback: 'Erin says the lid broke',
  ticket: 'Erin cannot log in',
  reply: 'Erin, we reset it',
  task: 'Call Erin back about the refund',
  deal: 'Erin office tea',
};

let owner: Tenant;
let other: Tenant;
/** The person, another person of the same workspace, and a person of another workspace with the same email. */
let person: string;
let bystander: string;
let theirs: string;
const ids: Record<string, string> = {};

const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token = owner.token) => {
  const response = await stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  return response;
};
const created = async (path: string, body: unknown) => {
  const response = await call('POST', path, body);
  if (response.status !== 201 && response.status !== 200 && response.status !== 202) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** Gives a contact one record of every kind a person can have. */
async function everythingFor(contactId: string, label: string) {
  await created(`/v1/contacts/${contactId}/interactions`, { type: 'call', subject: `${label} call`, body: `${SECRETS.interaction} (${label})` });
  // A complaint opens a ticket of its own (the complaint desk): the person has two tickets.
  await created(`/v1/contacts/${contactId}/feedback`, { kind: 'complaint', comment: `${SECRETS.feedback} (${label})`, channel: 'phone' });
  const deal = await created('/v1/deals', { title: `${SECRETS.deal} (${label})`, contactId, amount: '120.00', currency: 'EUR', expectedCloseDate: '2026-12-31' });
  const task = await created('/v1/tasks', { title: 'Follow up', type: 'follow_up', dueAt: daysAgo(-2), contactId, notes: `${SECRETS.task} (${label})` });
  const ticket = await created('/v1/tickets', { subject: `${SECRETS.ticket} (${label})`, description: 'Since Monday', contactId, priority: 'high', channel: 'email' });
  await created(`/v1/tickets/${ticket.id}/replies`, { body: `${SECRETS.reply} (${label})` });
  await writeScores(stack.documents, stack.tableName, owner.tenantId, contactId, [4, 4, 4]);
  return { deal: deal.id as string, task: task.id as string, ticket: ticket.id as string };
}

/** Every item of the table, as the text a scan for a value reads. */
async function everyItem(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documents.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const blindIndexOf = (gsi3pk: unknown) => String(gsi3pk).split('#').at(-1)!;

beforeAll(async () => {
  owner = await stack.api.newTenant();
  other = await stack.api.newTenant();
  for (const field of [{ entity: 'contact', key: 'passport', label: 'Passport', type: 'text', sensitive: true }]) await created('/v1/fields', field);
  // An order 10 days ago, region east and RFM 4-4-4: the example segment's rules, so the campaign's audience holds both.
  person = await contactWith(stack.api, owner.token, { ...PERSON, customFields: { passport: 'P-ERIN-1' } }, 10);
  bystander = await contactWith(stack.api, owner.token, { firstName: 'Bea', email: 'bea@example.com', phone: '+12065550188', region: 'east' }, 10);
  Object.assign(ids, await everythingFor(person, 'erin'));
  const bea = await everythingFor(bystander, 'bea');
  ids.beaTicket = bea.ticket;
  ids.beaDeal = bea.deal;

  const key = await created('/v1/ingest-keys', { name: 'Website' });
  const today = new Date().toISOString();
  const ingested = await stack.api.request('POST', '/v1/events', {
    headers: { 'x-ingest-key': key.secret },
    body: { events: [{ id: 'erin-1', type: 'page_view', contactId: person, occurredAt: today }, { id: 'bea-1', type: 'page_view', contactId: bystander, occurredAt: today }] },
  });
  if (ingested.status !== 202) throw new Error(`events: ${JSON.stringify(ingested.body)}`);

  const segment = await created('/v1/segments', { name: 'Best of the east', rules: EXAMPLE_RULES });
  const campaign = await created('/v1/campaigns', { name: 'Spring', channel: 'email', segmentId: segment.id, currency: 'EUR' });
  ids.campaign = campaign.id;
  const launched = await call('POST', `/v1/campaigns/${campaign.id}/launch`);
  if (launched.body.audienceSize !== 2) throw new Error(`launch: ${JSON.stringify(launched.body)}`);
  await created(`/v1/campaigns/${campaign.id}/conversions`, { contactId: person, value: '25.50' });
  await created(`/v1/campaigns/${campaign.id}/conversions`, { contactId: bystander, value: '10.00' });

  theirs = (await call('POST', '/v1/contacts', { firstName: 'Erin', email: PERSON.email, phone: PERSON.phone }, other.token)).body.id;

  // A dry run of a file holding the person's email and phone: it keeps their blind indexes as values it has seen.
  const job = await created('/v1/imports', { entity: 'contacts', fileName: 'contacts.csv' });
  const put = await fetch(job.upload.url, { method: 'PUT', body: `First Name,Email,Phone\nErin,${PERSON.email},${PERSON.phone}\n`, headers: job.upload.headers });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  const preview = await call('GET', `/v1/imports/${job.id}/preview`);
  await stack.api.request('PUT', `/v1/imports/${job.id}/mapping`, { token: owner.token, body: { columns: preview.body.suggestedMapping } });
  await created(`/v1/imports/${job.id}/dry-run`, undefined);
  await stack.queue.drain();
  const validated = await call('GET', `/v1/imports/${job.id}`);
  if (validated.body.status !== 'validated') throw new Error(`dry run: ${JSON.stringify(validated.body)}`);
});

describe('POST /v1/contacts/{id}/subject-export', () => {
  it('writes one JSON file with everything held about the person, in clear, and nothing of anyone else', async () => {
    // Act
    const response = await call('POST', `/v1/contacts/${person}/subject-export`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      contactId: person,
      counts: { transactions: 1, interactions: 1, feedback: 1, behaviourDays: 1, deals: 1, tickets: 2, tasks: 1, campaigns: 1 },
    });
    expect(response.body.counts.auditReferences).toBeGreaterThanOrEqual(6);
    const file = JSON.parse(await (await fetch(response.body.url)).text());
    expect(file.contact).toMatchObject({ id: person, ...PERSON, customFields: { passport: 'P-ERIN-1' } });
    expect(file.interactions[0].body).toContain(SECRETS.interaction);
    expect(file.feedback[0].comment).toContain(SECRETS.feedback);
    expect(file.transactions).toHaveLength(1);
    expect(file.behaviourDays[0].pageViews).toBe(1);
    expect(file.deals[0]).toMatchObject({ dealId: ids.deal, title: `${SECRETS.deal} (erin)` });
    expect(file.tickets.find((ticket: { id: string }) => ticket.id === ids.ticket)).toMatchObject({ id: ids.ticket, subject: `${SECRETS.ticket} (erin)`, replies: [expect.objectContaining({ body: `${SECRETS.reply} (erin)` })] });
    expect(file.tasks[0]).toMatchObject({ id: ids.task, notes: `${SECRETS.task} (erin)` });
    expect(file.campaigns).toEqual([expect.objectContaining({ campaignId: ids.campaign, inAudience: true, conversion: expect.objectContaining({ contactId: person }) })]);
    expect(file.scores).toMatchObject({ rfm: '4-4-4' });
    expect(file.auditReferences.map((reference: { action: string }) => reference.action)).toEqual(expect.arrayContaining(['contact.created', 'ticket.created', 'task.created', 'deal.created']));
    for (const reference of file.auditReferences) expect(Object.keys(reference).sort()).toEqual(['action', 'eventId', 'time']);
    const text = JSON.stringify(file);
    for (const foreign of [bystander, theirs, ids.beaTicket!, ids.beaDeal!, '(bea)', 'bea@example.com']) expect(text).not.toContain(foreign);
    const events = (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).filter((event) => event.action === 'contact.subject_exported');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ target: { type: 'contact', id: person }, actor: { userId: owner.userId }, details: { exportId: response.body.exportId, tickets: 2 } });
    expect(JSON.stringify(events[0])).not.toMatch(/erin\.subject|Erin|Quay|mortgage/);
  });

  it("answers 404 for another workspace's contact", async () => {
    const response = await call('POST', `/v1/contacts/${theirs}/subject-export`);

    expect(response.status).toBe(404);
  });
});

describe('without privacy:manage', () => {
  it('answers 403 naming it to both routes, and erases nothing', async () => {
    // Prepare: a sales manager may delete and export contacts, but not answer data-subject requests.
    const manager = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_manager', inviteTokenFor);

    // Act
    const exported = await call('POST', `/v1/contacts/${person}/subject-export`, undefined, manager.token);
    const erased = await call('POST', `/v1/contacts/${person}/erasure`, undefined, manager.token);

    // Assess
    for (const response of [exported, erased]) {
      expect(response.status).toBe(403);
      expect(response.body.error.details).toEqual({ permission: 'privacy:manage' });
    }
    expect((await call('GET', `/v1/contacts/${person}`)).status).toBe(200);
  });
});

describe('POST /v1/contacts/{id}/erasure', () => {
  it('erases the person and everything of theirs, answers a dated receipt, and leaves no trace outside the audit trail', async () => {
    // Prepare: the blind indexes of the person's email and phone, as the table holds them.
    const profile = (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contact(owner.tenantId, person) }))).Item!;
    const phone = (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contactLookup(owner.tenantId, person, 'PHONE') }))).Item!;
    const blindIndexes = [blindIndexOf(profile.gsi3pk), blindIndexOf(phone.gsi3pk)];
    const before = Date.now();

    // Act
    const response = await call('POST', `/v1/contacts/${person}/erasure`);

    // Assess: the receipt
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.counts).sort()).toEqual([...ERASED_KINDS].sort());
    expect(response.body).toMatchObject({
      contactId: person,
      erasedBy: owner.userId,
      counts: {
        contacts: 1,
        // The email's blind index (on the profile) and the phone's lookup item; the name has none without a company.
        lookups: 2,
        companyLinks: 0,
        transactions: 1,
        interactions: 1,
        feedback: 1,
        behaviourDays: 1,
        behaviourEvents: 1,
        deals: 1,
        tickets: 2,
        ticketReplies: 1,
        tasks: 1,
        scores: 1,
        campaignAudiences: 1,
        campaignConversions: 1,
        importSeenValues: 2,
      },
    });
    expect(Date.parse(response.body.erasedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(response.body)).not.toMatch(/Erin|erin\.subject|Quay/);

    // The table, once the projector has followed the erasure: nothing names the person, by id or by value or blind index, but the audit events.
    await stack.analytics!.drain();
    const items = await everyItem();
    const mentions = items.filter((item) => {
      const text = JSON.stringify(item);
      return [person, PERSON.email, PERSON.phone, ...blindIndexes, ...Object.values(SECRETS).map((secret) => `${secret} (erin)`)].some((value) => text.includes(value));
    });
    const audit = mentions.filter((item) => item.entity === AUDIT_EVENT_ENTITY);
    // The analytics projector's tombstones name the contact and its records by id only (no value,
    // no fact), and expire within a week: they keep a stream record delivered again from counting
    // the person back into the totals (docs/api.md).
    const tombstones = mentions.filter((item) => item.entity === ANALYTICS_ENTITIES.contact || item.entity === ANALYTICS_ENTITIES.source);
    for (const tombstone of tombstones) {
      expect(tombstone).toMatchObject(tombstone.entity === ANALYTICS_ENTITIES.contact ? { profile: null, book: {} } : { facts: null });
      expect(Number(tombstone.expiresAt) * 1000).toBeLessThanOrEqual(Date.now() + ANALYTICS_TOMBSTONE_DAYS * 86_400_000 + 60_000);
    }
    const rest = mentions.filter((item) => !audit.includes(item) && !tombstones.includes(item));
    expect(rest.map((item) => `${String(item.pk)} ${String(item.sk)}`)).toEqual([]);
    for (const event of audit) expect(JSON.stringify(event)).not.toMatch(/Erin|erin\.subject|Quay|mortgage|2065550177/);
    const erasures = (await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId)).filter((event) => event.action === 'contact.erased');
    expect(erasures).toEqual([expect.objectContaining({ target: { type: 'contact', id: person }, details: expect.objectContaining({ erasureId: response.body.erasureId, tickets: 2, tasks: 1 }) })]);
  });

  it('answers 404 when repeated: the person is gone, and the receipt was the first answer', async () => {
    const response = await call('POST', `/v1/contacts/${person}/erasure`);

    expect(response.status).toBe(404);
  });

  it('leaves the other person of the workspace, and the other workspace, untouched', async () => {
    expect((await call('GET', `/v1/contacts/${bystander}`)).status).toBe(200);
    expect((await call('GET', `/v1/tickets/${ids.beaTicket}`)).status).toBe(200);
    expect((await call('GET', `/v1/deals/${ids.beaDeal}`)).status).toBe(200);
    // The campaign's results are totals, not the person's: they stay as they were (docs/api.md).
    const campaign = await call('GET', `/v1/campaigns/${ids.campaign}`);
    expect(campaign.body).toMatchObject({ audienceSize: 2, conversions: 2 });
    for (const kind of ['transactions', 'interactions', 'feedback']) expect((await call('GET', `/v1/contacts/${bystander}/${kind}`)).body.items).toHaveLength(1);
    const theirContact = await call('GET', `/v1/contacts/${theirs}`, undefined, other.token);
    expect(theirContact.status).toBe(200);
    expect(theirContact.body).toMatchObject({ email: PERSON.email, phone: PERSON.phone });
  });

  it("lets the person's email and phone be used again, for a new contact", async () => {
    const again = await call('POST', '/v1/contacts', { firstName: 'Erin', email: PERSON.email, phone: PERSON.phone });

    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(person);
    expect(again.body.duplicates).toEqual([]);
    const found = await call('GET', `/v1/contacts?email=${encodeURIComponent(PERSON.email)}`);
    expect(found.body.items.map((contact: { id: string }) => contact.id)).toEqual([again.body.id]);
  });
});
