import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * CSV imports over HTTP against the local stack: the file goes to s3rver through the presigned
 * URL, the local queue delivers chunks of 7 rows to the same worker handler Lambda runs.
 */
// The completeness totals follow from the table stream: the analytics pipeline keeps them.
const stack = useTestApi({ importChunkRows: 7, analyticsPipeline: true });
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let other: Awaited<ReturnType<typeof stack.api.newTenant>>;

beforeAll(async () => {
  owner = await stack.api.newTenant();
  other = await stack.api.newTenant();
});

const request = (method: string, path: string, body?: unknown, token = owner.token) =>
  stack.api.request(method, path, { token, ...(body === undefined ? {} : { body }) });

/** A HubSpot-style export: 30 people, row 5 with a bad email, row 9 repeating row 2's email, row 12 row 11's phone. */
function contactsCsv(): string {
  const lines = ['First Name,Last Name,Email Address,Phone Number,Job Title,Tags,Favourite Colour'];
  for (let i = 1; i <= 30; i++) {
    const email = i === 5 ? 'not-an-email' : i === 9 ? 'person2@example.com' : `person${i}@example.com`;
    const phone = `+44 20 7946 ${String(i === 12 ? 11 : i).padStart(4, '0')}`;
    lines.push(`Person${i},"Smith, Jr",${email},${phone},Buyer,vip; newsletter,blue`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function upload(entity: string, csv: string, token = owner.token): Promise<string> {
  const created = await request('POST', '/v1/imports', { entity, fileName: `${entity}.csv` }, token);
  expect(created.status).toBe(201);
  const put = await fetch(created.body.upload.url, { method: 'PUT', body: csv, headers: created.body.upload.headers });
  expect(put.status).toBe(200);
  return created.body.id as string;
}

async function finished(id: string, token = owner.token) {
  await stack.queue.drain();
  return (await request('GET', `/v1/imports/${id}`, undefined, token)).body;
}

async function mapAsSuggested(id: string, token = owner.token) {
  const preview = await request('GET', `/v1/imports/${id}/preview`, undefined, token);
  expect(preview.status).toBe(200);
  const mapped = await request('PUT', `/v1/imports/${id}/mapping`, { columns: preview.body.suggestedMapping }, token);
  expect(mapped.status).toBe(200);
  return preview.body;
}

describe('importing contacts', () => {
  let importId: string;
  let existingId: string;

  beforeAll(async () => {
    existingId = (await request('POST', '/v1/contacts', { firstName: 'Already', email: 'person3@example.com', phone: '+442079460004' })).body.id;
    importId = await upload('contacts', contactsCsv());
  });

  it('previews the headers, the first 20 rows and a mapping suggested from the headers', async () => {
    const preview = await request('GET', `/v1/imports/${importId}/preview`);

    expect(preview.status).toBe(200);
    expect(preview.body.headers).toEqual(['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Job Title', 'Tags', 'Favourite Colour']);
    expect(preview.body.rows).toHaveLength(20);
    expect(preview.body.rows[0].slice(0, 3)).toEqual(['Person1', 'Smith, Jr', 'person1@example.com']);
    expect(preview.body.suggestedMapping).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Email Address': 'email',
      'Phone Number': 'phone',
      'Job Title': 'title',
      Tags: 'tags',
      'Favourite Colour': null,
    });
    expect((await request('GET', `/v1/imports/${importId}`)).body.status).toBe('uploaded');
  });

  it('refuses a mapping to a field contacts do not have, of a header the file lacks, or without firstName, and changes nothing', async () => {
    const cases = [
      [{ 'First Name': 'firstName', 'Favourite Colour': 'colour' }, 'columns.Favourite Colour'],
      [{ 'First Name': 'firstName', Nope: 'email' }, 'columns.Nope'],
      [{ 'Last Name': 'lastName' }, 'columns'],
      [{ 'First Name': 'firstName', 'Last Name': 'firstName' }, 'columns.Last Name'],
    ] as const;
    for (const [columns, field] of cases) {
      const response = await request('PUT', `/v1/imports/${importId}/mapping`, { columns });
      expect(response.status, field).toBe(400);
      expect(response.body.error.details.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    expect((await request('PUT', `/v1/imports/${importId}/mapping`, { columns: 'all' })).status).toBe(400);
    expect((await request('GET', `/v1/imports/${importId}`)).body).toMatchObject({ status: 'uploaded', version: 2 });
  });

  it('dry-runs every row through the contact schema, finds duplicates, and writes nothing', async () => {
    await mapAsSuggested(importId);
    const before = (await request('GET', '/v1/contacts?limit=100')).body.items.length;

    const started = await request('POST', `/v1/imports/${importId}/dry-run`);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/v1/imports/${importId}`);
    expect(started.body.status).toBe('validating');
    const job = await finished(importId);
    const report = { body: job.dryRun };

    expect(job.status).toBe('validated');
    expect(job.progress.totalRows).toBe(30);
    expect(report.body).toMatchObject({ totalRows: 30, valid: 29, invalid: 1, alreadyImported: 0, errorCount: 1, duplicateCount: 4 });
    expect(report.body.errors).toEqual([{ row: 5, field: 'email', message: 'must be a valid email address' }]);
    expect(report.body.duplicates).toEqual([
      { row: 3, field: 'email', existingContactIds: [existingId] },
      // The file writes it +44 20 7946 0004: compared as E.164, as stored.
      { row: 4, field: 'phone', existingContactIds: [existingId] },
      { row: 9, field: 'email', duplicateOfRow: 2 },
      { row: 12, field: 'phone', duplicateOfRow: 11 },
    ]);
    expect(JSON.stringify(report.body)).not.toContain('not-an-email');
    expect((await request('GET', '/v1/contacts?limit=100')).body.items.length).toBe(before);
    expect((await request('GET', `/v1/imports/${importId}`)).body.status).toBe('validated');
  });

  it('imports in chunks: every valid row once, personal fields sealed, one audit event per batch', async () => {
    const started = await request('POST', `/v1/imports/${importId}/commit`);
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');

    const job = await finished(importId);

    expect(job.status).toBe('completed');
    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 29, skipped: 0, failed: 1 });
    expect(job.errors).toEqual([{ row: 5, field: 'email', message: 'must be a valid email address' }]);
    const found = await request('GET', '/v1/contacts?email=person7@example.com');
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({
      firstName: 'Person7',
      lastName: 'Smith, Jr',
      phone: '+442079460007',
      title: 'Buyer',
      tags: ['vip', 'newsletter'],
      lifecycleStage: 'lead',
      ownerId: owner.userId,
    });
    // Written as the API writes a contact: found as a duplicate by phone, and counted in the workspace's completeness.
    const lookalike = await request('POST', '/v1/contacts', { firstName: 'Someone', phone: '+44 20 7946 0007' });
    expect(lookalike.body.duplicates).toEqual([expect.objectContaining({ contactId: found.body.items[0].id, reasons: ['same_phone'] })]);
    await stack.analytics!.drain();
    expect((await request('GET', '/v1/contacts/completeness')).body.contacts).toBe(31);
    await request('DELETE', `/v1/contacts/${lookalike.body.id}`);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contact(owner.tenantId, found.body.items[0].id) }));
    expect(JSON.stringify(Item)).not.toContain('person7@example.com');
    expect(Item!.emailIndex).toEqual(expect.any(String));

    const events = await auditEventsInTable(stack.documents, stack.tableName, owner.tenantId);
    const imported = events.filter((event) => event.action === 'contacts.imported');
    // 30 rows in chunks of 7: five chunks, each one transaction (a batch holds up to 24 contacts).
    expect(imported).toHaveLength(5);
    expect(imported.flatMap((event) => event.targetIds ?? [])).toHaveLength(29);
    expect(imported[0]).toMatchObject({ target: { type: 'import', id: importId }, changedFields: ['email', 'firstName', 'lastName', 'phone', 'tags', 'title'] });
    expect(JSON.stringify(imported)).not.toContain('@example.com');
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['import.created', 'import.mapped', 'import.started']));
  });

  it('imports nothing twice: a new upload of the same file skips every row', async () => {
    const again = await upload('contacts', contactsCsv());
    await mapAsSuggested(again);
    expect((await request('POST', `/v1/imports/${again}/dry-run`)).status).toBe(202);
    expect((await finished(again)).dryRun.alreadyImported).toBe(29);

    await request('POST', `/v1/imports/${again}/commit`);
    const job = await finished(again);

    expect(job.progress).toEqual({ processedRows: 30, totalRows: 30, created: 0, skipped: 29, failed: 1 });
    expect((await request('GET', '/v1/contacts?email=person7@example.com')).body.items).toHaveLength(1);
  });

  it('cannot be mapped or started again once it ran', async () => {
    const again = await request('POST', `/v1/imports/${importId}/commit`);
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ importId, status: 'completed' });
    const response = await request('PUT', `/v1/imports/${importId}/mapping`, { columns: { 'First Name': 'firstName' } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('IMPORT_NOT_READY');
  });
});

describe('the import routes', () => {
  it('refuse an unknown entity or a file that is not CSV with 400, creating nothing', async () => {
    const created = async () => (await auditEventsInTable(stack.documents, stack.tableName, other.tenantId)).filter((event) => event.action === 'import.created').length;
    const before = await created();

    const bad = await request('POST', '/v1/imports', { entity: 'deals', fileName: 'deals.xlsx' }, other.token);
    const extra = await request('POST', '/v1/imports', { entity: 'contacts', fileName: 'a.csv', bucket: 'elsewhere' }, other.token);

    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((problem: { field: string }) => problem.field).sort()).toEqual(['entity', 'fileName']);
    expect(extra.status).toBe(400);
    expect(await created()).toBe(before);
  });

  it('answer a preview before the upload with 409', async () => {
    const created = await request('POST', '/v1/imports', { entity: 'contacts', fileName: 'later.csv' });

    const preview = await request('GET', `/v1/imports/${created.body.id}/preview`);

    expect(preview.status).toBe(409);
    expect(preview.body.error.code).toBe('IMPORT_NOT_READY');
  });

  it('hide an import from another workspace, and from another user of the same one (404)', async () => {
    const id = await upload('contacts', 'First Name\nAnn\n');
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    for (const token of [other.token, rep.token]) {
      for (const [method, path] of [['GET', ''], ['GET', '/preview'], ['POST', '/dry-run'], ['POST', '/commit']] as const) {
        expect((await request(method, `/v1/imports/${id}${path}`, undefined, token)).status).toBe(404);
      }
      expect((await request('PUT', `/v1/imports/${id}/mapping`, { columns: { 'First Name': 'firstName' } }, token)).status).toBe(404);
    }
  });

  it('refuse a member without contacts:write (403)', async () => {
    const marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
    const response = await request('POST', '/v1/imports', { entity: 'contacts', fileName: 'a.csv' }, marketer.token);
    expect(response.status).toBe(403);
    expect(response.body.error.details.permission).toBe('contacts:write');
  });
});

describe('importing companies and orders', () => {
  it('imports companies from a Salesforce-style export', async () => {
    const csv = 'Account Name,Website,Industry,Lifecycle Stage,Lead Source\nNorthwind,northwind.example,Wholesale,customer,Referral\nContoso,contoso.example,Retail,lead,web\nBad,,,,not a channel!\n';
    const id = await upload('companies', csv);
    const preview = await mapAsSuggested(id);
    expect(preview.suggestedMapping).toEqual({ 'Account Name': 'name', Website: 'domain', Industry: 'industry', 'Lifecycle Stage': 'lifecycleStage', 'Lead Source': 'sourceChannel' });

    await request('POST', `/v1/imports/${id}/commit`);
    const job = await finished(id);

    expect(job.progress).toMatchObject({ created: 2, failed: 1 });
    expect(job.errors).toEqual([{ row: 3, field: 'sourceChannel', message: expect.stringContaining('channel name') }]);
    const companies = (await request('GET', '/v1/companies?limit=100')).body.items;
    expect(companies.find((company: { name: string }) => company.name === 'Northwind')).toMatchObject({ domain: 'northwind.example', lifecycleStage: 'customer', sourceChannel: 'referral', contactCount: 0 });
  });

  it('imports orders onto the contacts their email names', async () => {
    const buyer = (await request('POST', '/v1/contacts', { firstName: 'Buyer', email: 'buyer@shop.example' })).body.id;
    const csv = 'Email,Lineitem Name,Lineitem Quantity,Lineitem Price,Currency,Created At,Order Number\n' +
      'buyer@shop.example,Earl Grey,3,19.99,EUR,2026-05-01T10:00:00Z,#1001\n' +
      'nobody@shop.example,Earl Grey,1,19.99,EUR,2026-05-02T10:00:00Z,#1002\n' +
      'buyer@shop.example,Sencha,two,5.00,EUR,2026-05-03T10:00:00Z,#1003\n';
    const id = await upload('transactions', csv);
    const preview = await mapAsSuggested(id);
    expect(preview.suggestedMapping).toEqual({
      Email: 'contactEmail', 'Lineitem Name': 'product', 'Lineitem Quantity': 'quantity', 'Lineitem Price': 'unitPrice', Currency: 'currency', 'Created At': 'time', 'Order Number': 'reference',
    });
    expect((await request('POST', `/v1/imports/${id}/dry-run`)).status).toBe(202);
    const report = (await finished(id)).dryRun;
    expect(report).toMatchObject({ valid: 1, invalid: 2 });

    await request('POST', `/v1/imports/${id}/commit`);
    const job = await finished(id);

    expect(job.progress).toMatchObject({ created: 1, failed: 2, skipped: 0 });
    expect(job.errors).toEqual([
      { row: 2, field: 'contactEmail', message: 'is the email of no contact in this workspace' },
      { row: 3, field: 'quantity', message: 'must be a whole number' },
    ]);
    const orders = (await request('GET', `/v1/contacts/${buyer}/transactions`)).body.items;
    expect(orders).toEqual([expect.objectContaining({ items: [{ product: 'Earl Grey', quantity: 3, unitPrice: '19.99' }], amount: '59.97', reference: '#1001', time: '2026-05-01T10:00:00.000Z' })]);
  });
});

describe('offboarding a workspace', () => {
  it('erases its import jobs and the claims of its imported rows', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Imports' });
    const id = await upload('contacts', 'First Name,Email\nAnn,ann@closing.example\nBob,bob@closing.example\n', tenant.token);
    await mapAsSuggested(id, tenant.token);
    await request('POST', `/v1/imports/${id}/commit`, undefined, tenant.token);
    expect((await finished(id, tenant.token)).progress.created).toBe(2);
    const claims = async () => {
      let count = 0;
      for (const pk of keys.importRowClaimPartitions(tenant.tenantId, 'contacts')) {
        const { Items = [] } = await stack.documents.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }));
        count += Items.length;
      }
      return count;
    };
    expect(await claims()).toBe(2);

    // Act
    const receipt = await request('DELETE', '/v1/tenant', { confirm: 'Closing Imports' }, tenant.token);

    // Assess
    expect(receipt.status).toBe(200);
    const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.importJob(tenant.tenantId, id) }));
    expect(Item).toBeUndefined();
    expect(await claims()).toBe(0);
  });
});

describe('a dry run in the importer\'s scope', () => {
  it('names only the existing contacts the importer may see: another owner\'s contact is, to a sales rep, not there', async () => {
    // Prepare: the owner's contact and the rep's own, then the rep's file with both their emails and phones
    const rep = await joinAs(stack.api, owner.token, stack.mailDir, 'sales_rep', inviteTokenFor);
    const stamp = Date.now();
    const theirs = await request('POST', '/v1/contacts', { firstName: 'Olga', lastName: 'Owner', email: `olga-${stamp}@example.com`, phone: '+44 20 7946 1111' });
    const mine = await request('POST', '/v1/contacts', { firstName: 'Rita', lastName: 'Rep', email: `rita-${stamp}@example.com` }, rep.token);
    expect([theirs.status, mine.status]).toEqual([201, 201]);
    const csv = `First Name,Last Name,Email Address,Phone Number\r\nOlga,Owner,olga-${stamp}@example.com,+44 20 7946 1111\r\nRita,Rep,rita-${stamp}@example.com,\r\n`;
    const importId = await upload('contacts', csv, rep.token);
    await mapAsSuggested(importId, rep.token);

    // Act
    expect((await request('POST', `/v1/imports/${importId}/dry-run`, undefined, rep.token)).status).toBe(202);
    const job = await finished(importId, rep.token);

    // Assess
    expect(job.dryRun.duplicates).toEqual([{ row: 2, field: 'email', existingContactIds: [mine.body.id] }]);
    expect(JSON.stringify(job)).not.toContain(theirs.body.id);
  });
});
