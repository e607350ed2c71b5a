import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { EXPORT_FIELDS } from '@rapport/domain';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinAs } from '../support/api-client';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

// Three contacts per query, so seven contacts take three pages (and the last one is partly full).
process.env.EXPORT_PAGE_SIZE = '3';
const stack = useTestApi();

let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;
let marketer: { token: string };
let readOnly: { token: string };
const CONTACT_COUNT = 7;

/** A contact with every field set, and values CSV must quote: commas, quotes, a line break. */
const aContact = (index: number) => ({
  firstName: `Ann ${index}`,
  lastName: 'Lee, "the elder"',
  email: `ann.${index}@example.com`,
  phone: `+44 20 7946 09${String(index).padStart(2, '0')}`,
  company: 'Northwind',
  title: 'Buyer',
  tags: ['vip', `batch ${index}`],
  address: '1 High Street\nLondon',
  birthday: '1990-04-02',
  notes: `Likes tea; call after 10, ask for "Ann" (${index})`,
  lifecycleStage: 'customer',
  // Stored by field id, the sensitive one encrypted: the file shows them by key, as the API does.
  customFields: { tier: 'gold', vat_number: `GB-VAT-${index}` },
});

const exportAs = (token: string, format?: string) =>
  stack.api.request('GET', `/v1/contacts/export${format === undefined ? '' : `?format=${format}`}`, { token });

async function download(url: string): Promise<{ status: number; text: string; disposition: string | null }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), disposition: response.headers.get('content-disposition') };
}

/** Every contact the caller may list, page by page, as the API shows them to that caller. */
async function listAll(token: string) {
  const all: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await stack.api.request('GET', `/v1/contacts?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

/** A contact as a CSV row: absent fields are empty cells, tags share one cell. */
const asRow = (contact: Record<string, unknown>) =>
  Object.fromEntries(EXPORT_FIELDS.map((field) => [field, cellOf(contact[field])]));

/** Tags share one cell, custom values are one JSON object. */
const cellOf = (value: unknown) =>
  value === undefined ? '' : Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);

const auditEvents = async (action: string) =>
  (await stack.api.request('GET', `/v1/audit/events?action=${action}&limit=200`, { token: owner.token })).body.items as Record<string, any>[];

beforeAll(async () => {
  owner = await stack.api.newTenant();
  for (const field of [
    { entity: 'contact', key: 'tier', label: 'Tier', type: 'text' },
    { entity: 'contact', key: 'vat_number', label: 'VAT number', type: 'text', sensitive: true },
  ]) {
    const created = await stack.api.request('POST', '/v1/fields', { token: owner.token, body: field });
    if (created.status !== 201) throw new Error(`field failed: ${JSON.stringify(created.body)}`);
  }
  for (let index = 0; index < CONTACT_COUNT; index++) {
    const created = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: aContact(index) });
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  }
  marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);
  readOnly = await joinAs(stack.api, owner.token, stack.mailDir, 'read_only', inviteTokenFor);
});

describe('GET /v1/contacts/export', () => {
  it('writes every contact, across several pages, as CSV in clear for a caller with pii:read, and the file parses back to them', async () => {
    // Prepare
    const expected = await listAll(owner.token);

    // Act
    const exported = await exportAs(owner.token, 'csv');
    const file = await download(exported.body.url);

    // Assess
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'csv', count: CONTACT_COUNT, personalData: 'clear', fields: [...EXPORT_FIELDS] });
    expect(Date.parse(exported.body.expiresAt) - Date.now()).toBeGreaterThan(10 * 60_000);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parse(file.text) as string[][];
    expect(header).toEqual([...EXPORT_FIELDS]);
    const records = rows.map((row) => Object.fromEntries(header!.map((field, index) => [field, row[index]])));
    expect(records).toHaveLength(CONTACT_COUNT);
    expect(records).toEqual(expected.map(asRow));
    expect(records[0]).toMatchObject({ email: 'ann.0@example.com', address: '1 High Street\nLondon', lastName: 'Lee, "the elder"', tags: 'vip; batch 0' });
    expect(JSON.parse(records[0]!.customFields!)).toEqual({ tier: 'gold', vat_number: 'GB-VAT-0' });
    expect(records[0]).toMatchObject({ lifecycleStage: 'customer', completeness: '100' });
  });

  it('writes JSON Lines with ?format=json: one contact per line, as the API shows it', async () => {
    // Prepare
    const expected = await listAll(owner.token);

    // Act
    const exported = await exportAs(owner.token, 'json');
    const file = await download(exported.body.url);

    // Assess
    expect(exported.body).toMatchObject({ format: 'json', count: CONTACT_COUNT });
    expect(file.disposition).toMatch(/filename="contacts-\d{4}-\d{2}-\d{2}\.jsonl"/);
    const lines = file.text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(expected);
  });

  it('masks personal fields for a caller without pii:read, and the file holds none of them in clear', async () => {
    // Prepare
    const expected = await listAll(marketer.token);

    // Act
    const exported = await exportAs(marketer.token);
    const file = await download(exported.body.url);

    // Assess
    expect(exported.body).toMatchObject({ format: 'csv', count: CONTACT_COUNT, personalData: 'masked' });
    const [header, ...rows] = parse(file.text) as string[][];
    const records = rows.map((row) => Object.fromEntries(header!.map((field, index) => [field, row[index]])));
    expect(records).toEqual(expected.map(asRow));
    expect(records[0]).toMatchObject({ email: 'a***@example.com', birthday: '****-**-**', firstName: 'Ann 0' });
    for (let index = 0; index < CONTACT_COUNT; index++) {
      expect(file.text).not.toContain(aContact(index).email);
      expect(file.text).not.toContain(aContact(index).notes.replaceAll('"', '""'));
      expect(file.text).not.toContain(aContact(index).customFields.vat_number);
    }
    expect(file.text).not.toContain('High Street');
  });

  it('audits each export with one contacts.exported event naming fields and count, and an export in clear as a read in clear', async () => {
    // Prepare
    const before = { exported: (await auditEvents('contacts.exported')).length, read: (await auditEvents('contact.pii_read')).length };

    // Act
    const clear = await exportAs(owner.token, 'csv');
    const masked = await exportAs(marketer.token, 'csv');

    // Assess
    const exported = await auditEvents('contacts.exported');
    const reads = (await auditEvents('contact.pii_read')).filter((event) => event.details?.via === 'export');
    expect(exported).toHaveLength(before.exported + 2);
    expect(exported.slice(0, 2).map((event) => [event.target.id, event.details])).toEqual([
      [masked.body.exportId, { format: 'csv', contacts: CONTACT_COUNT, fields: EXPORT_FIELDS.join(','), personalData: 'masked' }],
      [clear.body.exportId, { format: 'csv', contacts: CONTACT_COUNT, fields: EXPORT_FIELDS.join(','), personalData: 'clear' }],
    ]);
    expect(exported[1]!.actor.userId).toBe(owner.userId);
    // Only the export in clear reads personal data; the masked one does not.
    expect(reads.map((event) => event.target.id)).toContain(clear.body.exportId);
    expect(reads.map((event) => event.target.id)).not.toContain(masked.body.exportId);
    expect((await auditEvents('contact.pii_read')).length).toBe(before.read + 1);
    const text = JSON.stringify([...exported, ...reads]);
    expect(text).not.toContain('@example.com');
    expect(text).not.toContain('High Street');
  });

  it('answers 403 naming contacts:export to a role without it, and writes no file', async () => {
    // Prepare
    const objectsBefore = await objectCount();

    // Act
    const refused = await exportAs(readOnly.token);

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ permission: 'contacts:export' });
    expect(await objectCount()).toBe(objectsBefore);
  });

  it('answers an unknown format with 400 naming query.format, and writes nothing', async () => {
    // Prepare
    const objectsBefore = await objectCount();
    const eventsBefore = (await auditEvents('contacts.exported')).length;

    // Act
    const refused = await exportAs(owner.token, 'xml');

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual([{ field: 'query.format', message: 'must be one of csv, json' }]);
    expect(await objectCount()).toBe(objectsBefore);
    expect((await auditEvents('contacts.exported')).length).toBe(eventsBefore);
  });

  it("exports only the caller's own workspace: another tenant's export holds none of these contacts", async () => {
    // Prepare
    const other = await stack.api.newTenant();
    await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Only B' } });

    // Act
    const exported = await exportAs(other.token, 'json');
    const file = await download(exported.body.url);

    // Assess
    expect(exported.body.count).toBe(1);
    expect(file.text.trimEnd().split('\n').map((line) => JSON.parse(line).firstName)).toEqual(['Only B']);
    expect(exported.body.url).toContain(`tenant%3D${other.tenantId}`);
  });
});

async function objectCount(): Promise<number> {
  const listed = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.exportsBucket }));
  return listed.KeyCount ?? 0;
}
