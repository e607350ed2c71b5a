import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@rapport/data';
import { scoreDuplicate } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

/**
 * CSV imports of custom fields and fuzzy duplicates, over HTTP against the local stack. Chunks of
 * 2 rows, so a row is compared with rows of an earlier chunk as well as its own.
 */
const stack = useTestApi({ importChunkRows: 2 });

type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;
const request = (tenant: { token: string }, method: string, path: string, body?: unknown) =>
  stack.api.request(method, path, { token: tenant.token, ...(body === undefined ? {} : { body }) });
const storedItem = async (key: { pk: string; sk: string }) => (await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: key }))).Item!;

async function upload(tenant: Tenant, csv: string, entity = 'contacts'): Promise<string> {
  const created = await request(tenant, 'POST', '/v1/imports', { entity, fileName: `${entity}.csv` });
  expect(created.status).toBe(201);
  const put = await fetch(created.body.upload.url, { method: 'PUT', body: csv, headers: created.body.upload.headers });
  expect(put.status).toBe(200);
  return created.body.id as string;
}

async function finished(tenant: Tenant, id: string) {
  await stack.queue.drain();
  return (await request(tenant, 'GET', `/v1/imports/${id}`)).body;
}

/** Uploads, maps as suggested and dry-runs: the preview and the finished dry run. */
async function dryRun(tenant: Tenant, csv: string, entity = 'contacts') {
  const id = await upload(tenant, csv, entity);
  const preview = await request(tenant, 'GET', `/v1/imports/${id}/preview`);
  expect(preview.status).toBe(200);
  expect((await request(tenant, 'PUT', `/v1/imports/${id}/mapping`, { columns: preview.body.suggestedMapping })).status).toBe(200);
  expect((await request(tenant, 'POST', `/v1/imports/${id}/dry-run`)).status).toBe(202);
  const job = await finished(tenant, id);
  expect(job.status).toBe('validated');
  return { id, preview: preview.body, report: job.dryRun };
}

async function commit(tenant: Tenant, id: string) {
  expect((await request(tenant, 'POST', `/v1/imports/${id}/commit`)).status).toBe(202);
  const job = await finished(tenant, id);
  expect(job.status).toBe('completed');
  return job;
}

async function contactsOf(tenant: Tenant): Promise<{ id: string; firstName: string; customFields?: Record<string, unknown> }[]> {
  const response = await request(tenant, 'GET', '/v1/contacts?limit=100');
  expect(response.status).toBe(200);
  return response.body.items;
}

describe('importing custom fields', () => {
  let tenant: Tenant;
  let fields: Record<'tier' | 'staff' | 'renewal' | 'newsletter' | 'passport', { id: string }>;
  const csv = [
    'First Name,Last Name,Loyalty tier,Staff count,renewal,Newsletter,Passport number',
    'Ann,Peacock,gold,250,2027-03-01,yes,X1234567',
    'Bob,Stone,silver,many,2027-01-01,no,P1',
    'Cat,Jones,,10,,true,',
    'Dan,Brown,platinum,1,2027-13-01,maybe,',
    '',
  ].join('\r\n');

  beforeAll(async () => {
    tenant = await stack.api.newTenant();
    const define = async (body: Record<string, unknown>) => {
      const response = await request(tenant, 'POST', '/v1/fields', body);
      expect(response.status).toBe(201);
      return response.body as { id: string };
    };
    fields = {
      tier: await define({ entity: 'contact', key: 'loyalty_tier', label: 'Loyalty tier', type: 'select', options: ['bronze', 'silver', 'gold'], required: true }),
      staff: await define({ entity: 'contact', key: 'employees', label: 'Staff count', type: 'number' }),
      renewal: await define({ entity: 'contact', key: 'renewal', label: 'Renewal date', type: 'date' }),
      newsletter: await define({ entity: 'contact', key: 'newsletter', label: 'Newsletter', type: 'boolean' }),
      passport: await define({ entity: 'contact', key: 'passport_no', label: 'Passport number', type: 'text', sensitive: true }),
    };
    await define({ entity: 'company', key: 'vat_number', label: 'VAT number', type: 'text' });
  });

  it('lists the custom fields as targets, maps them from their label or key, types the values and names each bad one per row', async () => {
    const { preview, report } = await dryRun(tenant, csv);

    expect(preview.fields).toEqual(expect.arrayContaining(['firstName', 'customFields.loyalty_tier', 'customFields.employees', 'customFields.renewal', 'customFields.newsletter', 'customFields.passport_no']));
    expect(preview.fields).not.toContain('customFields.vat_number');
    expect(preview.suggestedMapping).toEqual({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Loyalty tier': 'customFields.loyalty_tier',
      'Staff count': 'customFields.employees',
      renewal: 'customFields.renewal',
      Newsletter: 'customFields.newsletter',
      'Passport number': 'customFields.passport_no',
    });
    expect(report).toMatchObject({ totalRows: 4, valid: 1, invalid: 3, errorCount: 5 });
    expect(report.errors).toEqual([
      { row: 2, field: 'customFields.employees', message: 'must be a number' },
      { row: 3, field: 'customFields.loyalty_tier', message: 'is required' },
      { row: 4, field: 'customFields.loyalty_tier', message: 'must be one of bronze, silver, gold' },
      { row: 4, field: 'customFields.renewal', message: 'must be a date as YYYY-MM-DD' },
      { row: 4, field: 'customFields.newsletter', message: 'must be true or false' },
    ]);
    expect(JSON.stringify(report)).not.toContain('X1234567');
  });

  it('refuses a mapping to a custom field the tenant does not have', async () => {
    const id = await upload(tenant, csv);
    await request(tenant, 'GET', `/v1/imports/${id}/preview`);

    const response = await request(tenant, 'PUT', `/v1/imports/${id}/mapping`, { columns: { 'First Name': 'firstName', 'Staff count': 'customFields.shoe_size' } });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('columns.Staff count');
  });

  it('imports the typed values, sealed and masked as the API does, writes nothing for a bad row, and nothing twice', async () => {
    const { id } = await dryRun(tenant, csv);
    const job = await commit(tenant, id);
    const viewer = await joinAs(stack.api, tenant.token, stack.mailDir, 'marketer', inviteTokenFor);
    const viaApi = await request(tenant, 'POST', '/v1/contacts', { firstName: 'Zed', customFields: { loyalty_tier: 'gold', employees: 250, renewal: '2027-03-01', newsletter: true, passport_no: 'X1234567' } });

    expect(job.progress).toMatchObject({ created: 1, failed: 3, skipped: 0 });
    expect(job.errors.map((error: { row: number; field: string }) => `${error.row}:${error.field}`)).toEqual([
      '2:customFields.employees',
      '3:customFields.loyalty_tier',
      '4:customFields.loyalty_tier',
      '4:customFields.renewal',
      '4:customFields.newsletter',
    ]);
    const contacts = await contactsOf(tenant);
    expect(contacts.map((contact) => contact.firstName).sort()).toEqual(['Ann', 'Zed']);
    const ann = contacts.find((contact) => contact.firstName === 'Ann')!;
    const clear = await request(tenant, 'GET', `/v1/contacts/${ann.id}`);
    expect(clear.body.customFields).toEqual({ loyalty_tier: 'gold', employees: 250, renewal: '2027-03-01', newsletter: true, passport_no: 'X1234567' });
    expect(clear.body.customFields).toEqual((await request(tenant, 'GET', `/v1/contacts/${viaApi.body.id}`)).body.customFields);
    const masked = await request(viewer, 'GET', `/v1/contacts/${ann.id}`);
    expect(masked.status).toBe(200);
    expect(masked.body.customFields).toEqual({ loyalty_tier: 'gold', employees: 250, renewal: '2027-03-01', newsletter: true, passport_no: '***' });
    expect(masked.body.customFields).toEqual((await request(viewer, 'GET', `/v1/contacts/${viaApi.body.id}`)).body.customFields);
    const item = await storedItem(keys.contact(tenant.tenantId, ann.id));
    expect(item.customFields[fields.tier.id]).toBe('gold');
    expect(item.customFields[fields.staff.id]).toBe(250);
    expect(item.customFields[fields.passport.id]).toEqual(expect.any(String));
    expect(item.customFields[fields.passport.id]).not.toContain('X1234567');

    const again = await dryRun(tenant, csv);
    expect(again.report).toMatchObject({ valid: 1, alreadyImported: 1 });
    const rerun = await commit(tenant, again.id);
    expect(rerun.progress).toMatchObject({ created: 0, skipped: 1, failed: 3 });
    expect((await contactsOf(tenant)).map((contact) => contact.firstName).sort()).toEqual(['Ann', 'Zed']);
  });
});

describe('importing custom fields of companies', () => {
  it('maps, checks and seals a company field as POST /v1/companies does', async () => {
    const tenant = await stack.api.newTenant();
    const vat = (await request(tenant, 'POST', '/v1/fields', { entity: 'company', key: 'vat_number', label: 'VAT number', type: 'text', sensitive: true, required: true })).body;
    const viewer = await joinAs(stack.api, tenant.token, stack.mailDir, 'marketer', inviteTokenFor);

    const { id, preview, report } = await dryRun(tenant, 'Account Name,VAT number\nNorthwind,GB123456789\nContoso,\n', 'companies');
    const job = await commit(tenant, id);

    expect(preview.suggestedMapping).toEqual({ 'Account Name': 'name', 'VAT number': 'customFields.vat_number' });
    expect(report.errors).toEqual([{ row: 2, field: 'customFields.vat_number', message: 'is required' }]);
    expect(job.progress).toMatchObject({ created: 1, failed: 1 });
    const companies = (await request(tenant, 'GET', '/v1/companies?limit=100')).body.items as { id: string; name: string }[];
    expect(companies.map((company) => company.name)).toEqual(['Northwind']);
    expect((await request(tenant, 'GET', `/v1/companies/${companies[0]!.id}`)).body.customFields).toEqual({ vat_number: 'GB123456789' });
    expect((await request(viewer, 'GET', `/v1/companies/${companies[0]!.id}`)).body.customFields).toEqual({ vat_number: '***' });
    const sealed = (await storedItem(keys.company(tenant.tenantId, companies[0]!.id))).customFields[vat.id];
    expect(sealed).toEqual(expect.any(String));
    expect(sealed).not.toContain('GB123456789');
  });
});

describe('fuzzy duplicates in the dry run', () => {
  it('flags a similar name at a similar company, against an existing contact and an earlier row, with the score POST /v1/contacts gives; the rows still import', async () => {
    const tenant = await stack.api.newTenant();
    const existing = await request(tenant, 'POST', '/v1/contacts', { firstName: 'Margaret', lastName: 'Peacock', company: 'Acme Ltd' });
    expect(existing.status).toBe(201);
    const csv = [
      'First Name,Last Name,Company',
      'Margret,Peacock,Acme Ltd',
      'John,Smith,Initech',
      'Jon,Smith,Initech',
      'Jane,Smith,Globex',
      'Johnn,Smith,Initech',
      'Mary,Peacock,',
      '',
    ].join('\r\n');
    const apiAnswer = await request(tenant, 'POST', '/v1/contacts', { firstName: 'Margret', lastName: 'Peacock', company: 'Acme Ltd' });
    const apiScore = apiAnswer.body.duplicates.find((candidate: { contactId: string }) => candidate.contactId === existing.body.id);
    expect(apiScore).toMatchObject({ reasons: ['similar_name_and_company'] });
    await request(tenant, 'DELETE', `/v1/contacts/${apiAnswer.body.id}`);

    const { id, report } = await dryRun(tenant, csv);

    const score = (a: object, b: object) => scoreDuplicate(a as never, { ...(b as object), id: 'x' } as never)!.score;
    expect(report.duplicates).toEqual([
      { row: 1, field: 'name', reason: 'similar_name_and_company', existingContactIds: [existing.body.id], score: apiScore.score },
      // Row 3 is in the chunk after row 2's: found through the run's claim on the name's blocking key.
      { row: 3, field: 'name', reason: 'similar_name_and_company', duplicateOfRow: 2, score: score({ firstName: 'Jon', lastName: 'Smith', company: 'Initech' }, { firstName: 'John', lastName: 'Smith', company: 'Initech' }) },
      { row: 5, field: 'name', reason: 'similar_name_and_company', duplicateOfRow: 2, score: score({ firstName: 'Johnn', lastName: 'Smith', company: 'Initech' }, { firstName: 'John', lastName: 'Smith', company: 'Initech' }) },
    ]);
    expect(report).toMatchObject({ valid: 6, invalid: 0, duplicateCount: 3 });

    const job = await commit(tenant, id);
    expect(job.progress).toMatchObject({ created: 6, failed: 0 });
  });
});
