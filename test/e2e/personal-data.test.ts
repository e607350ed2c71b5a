import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createFieldCipher, LocalKeyProvider, TenantKeyring } from '@rapport/crypto';
import { DynamoDataKeyStore, keys } from '@rapport/data';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { joinAs } from '../support/api-client';
import { auditEventsInTable } from '../support/audit-items';
import { inviteTokenFor } from '../support/invitations';
import { useTestApi } from '../support/test-stack';

const stack = useTestApi();
let owner: Awaited<ReturnType<typeof stack.api.newTenant>>;

const personal = {
  email: 'jane.doe@example.com',
  phone: '+12065550142',
  address: '12 Harbour Street, Seattle',
  birthday: '1988-04-02',
  notes: 'Prefers calls after 5pm',
};

async function storedItem(tenantId: string, contactId: string) {
  const { Item } = await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.contact(tenantId, contactId) }));
  return Item!;
}

const auditEvents = (tenantId: string) => auditEventsInTable(stack.documents, stack.tableName, tenantId);

beforeAll(async () => {
  owner = await stack.api.newTenant();
});

describe('personal data', () => {
  it('is ciphertext in DynamoDB and in the audit trail never appears at all', async () => {
    const created = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Jane', ...personal } });

    const item = await storedItem(owner.tenantId, created.body.id);

    for (const field of Object.keys(personal)) expect(item[field]).toMatch(/^enc:v1:1:[A-Za-z0-9_-]+$/);
    const everything = JSON.stringify([item, ...(await auditEvents(owner.tenantId))]);
    for (const value of Object.values(personal)) expect(everything).not.toContain(value);
    expect(item.firstName).toBe('Jane');
  });

  it('is shown in clear to a role with pii:read, and each such read is audited', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Clear', ...personal } });
    const before = (await auditEvents(owner.tenantId)).filter((event) => event.action === 'contact.pii_read').length;

    const read = await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: owner.token });

    expect(read.body).toMatchObject(personal);
    const reads = (await auditEvents(owner.tenantId)).filter((event) => event.action === 'contact.pii_read');
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({ target: { type: 'contact', id: contact.id }, actor: { userId: owner.userId } });
  });

  it('is masked for a role without pii:read, never sent as ciphertext', async () => {
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Masked', ...personal } });
    const marketer = await joinAs(stack.api, owner.token, stack.mailDir, 'marketer', inviteTokenFor);

    const read = await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: marketer.token });

    expect(read.body).toMatchObject({ email: 'j***@example.com', phone: '***42', address: '***', birthday: '****-**-**', notes: '***' });
    expect(JSON.stringify(read.body)).not.toContain('enc:v1');
  });

  it('finds a contact by exact email through the blind index, and only in the caller\'s tenant', async () => {
    const email = `lookup-${Date.now()}@example.com`;
    const { body: mine } = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Mine', email } });
    const other = await stack.api.newTenant();
    const { body: theirs } = await stack.api.request('POST', '/v1/contacts', { token: other.token, body: { firstName: 'Theirs', email } });

    const found = await stack.api.request('GET', `/v1/contacts?email=${encodeURIComponent(email.toUpperCase())}`, { token: owner.token });

    expect(found.body.items.map((contact: { id: string }) => contact.id)).toEqual([mine.id]);
    const [a, b] = [await storedItem(owner.tenantId, mine.id), await storedItem(other.tenantId, theirs.id)];
    expect(String(a.gsi3pk).split('#').at(-1)).not.toBe(String(b.gsi3pk).split('#').at(-1));
  });

  it('refuses to decrypt a ciphertext copied into another contact, answering 500 without leaking it', async () => {
    const { body: source } = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Source', email: 'source@example.com' } });
    const { body: target } = await stack.api.request('POST', '/v1/contacts', { token: owner.token, body: { firstName: 'Target', email: 'target@example.com' } });
    const stolen = (await storedItem(owner.tenantId, source.id)).email;
    await stack.documents.send(new PutCommand({ TableName: stack.tableName, Item: { ...(await storedItem(owner.tenantId, target.id)), email: stolen } }));

    const read = await stack.api.request('GET', `/v1/contacts/${target.id}`, { token: owner.token });

    expect(read.status).toBe(500);
    expect(JSON.stringify(read.body)).not.toMatch(/source@example\.com|enc:v1/);
  });
});

describe('key rotation', () => {
  it('keeps old values readable and re-encrypts them with the new key on the next write', async () => {
    const tenant = await stack.api.newTenant();
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: 'Old', ...personal } });

    const rotated = await stack.api.request('POST', '/v1/tenant/keys/rotate', { token: tenant.token });

    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ activeVersion: 2, rewrapped: 1 });
    expect((await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: tenant.token })).body).toMatchObject(personal);
    expect((await storedItem(tenant.tenantId, contact.id)).email).toMatch(/^enc:v1:1:/);
    // Other functions (here the contacts area's, as another Lambda container) keep encrypting under
    // the version they read for up to a minute, which is safe since every version still decrypts.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const patched = await stack.api.request('PATCH', `/v1/contacts/${contact.id}`, { token: tenant.token, body: { title: 'After rotation' } });
    vi.useRealTimers();
    expect(patched.status).toBe(200);
    const item = await storedItem(tenant.tenantId, contact.id);
    for (const field of Object.keys(personal)) expect(item[field]).toMatch(/^enc:v1:2:/);
    expect((await stack.api.request('GET', `/v1/contacts/${contact.id}`, { token: tenant.token })).body).toMatchObject(personal);
  });

  it('needs settings:manage', async () => {
    const tenant = await stack.api.newTenant();
    const rep = await joinAs(stack.api, tenant.token, stack.mailDir, 'sales_manager', inviteTokenFor);

    const response = await stack.api.request('POST', '/v1/tenant/keys/rotate', { token: rep.token });

    expect(response.status).toBe(403);
  });
});

describe('offboarding', () => {
  it('destroys the keys, then the data, and returns a dated receipt', async () => {
    // Prepare
    const tenant = await stack.api.newTenant({ companyName: 'Closing Co' });
    const { body: contact } = await stack.api.request('POST', '/v1/contacts', { token: tenant.token, body: { firstName: 'Gone', ...personal } });
    const stolenCopy = await storedItem(tenant.tenantId, contact.id);
    const admin = await joinAs(stack.api, tenant.token, stack.mailDir, 'admin', inviteTokenFor);
    const { body: webhook } = await stack.api.request('POST', '/v1/webhooks', { token: tenant.token, body: { url: 'https://hooks.example.com/in', events: ['*'] } });
    const { body: ingestKey } = await stack.api.request('POST', '/v1/ingest-keys', { token: tenant.token, body: { name: 'Website' } });
    expect((await stack.api.request('POST', '/v1/roles', { token: tenant.token, body: { name: 'Viewer', permissions: ['contacts:read'] } })).status).toBe(201);

    // Act
    const byAdmin = await stack.api.request('DELETE', '/v1/tenant', { token: admin.token, body: { confirm: 'Closing Co' } });
    const mistyped = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'closing co' } });
    const receipt = await stack.api.request('DELETE', '/v1/tenant', { token: tenant.token, body: { confirm: 'Closing Co' } });

    // Assess
    expect(byAdmin.status).toBe(403);
    expect(mistyped.status).toBe(400);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ tenantId: tenant.tenantId, keysDestroyed: 1, usersRemoved: 2, itemsDeleted: expect.any(Number) });
    const days = (Date.parse(receipt.body.unrecoverableAfter) - Date.parse(receipt.body.offboardedAt)) / 86_400_000;
    expect(days).toBe(35);
    // A container may act on a caller it resolved for up to 5 s; from then on the token finds no membership.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5_000);
    expect((await stack.api.request('GET', '/v1/me', { token: tenant.token })).status).toBe(401);
    vi.useRealTimers();
    expect((await stack.api.request('POST', '/v1/auth/login', { body: { email: tenant.email, password: tenant.password } })).status).toBe(401);
    const left = await stack.documents.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.dataKeys(tenant.tenantId).pk } }),
    );
    expect(left.Items).toEqual([]);
    const webhookLeft = await stack.documents.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.webhook(tenant.tenantId, webhook.id).pk } }),
    );
    expect(webhookLeft.Items).toEqual([]);
    expect(await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.tenant(tenant.tenantId) }))).not.toHaveProperty('Item');
    for (const shard of keys.contactCompletenessShards(tenant.tenantId)) {
      expect(await stack.documents.send(new GetCommand({ TableName: stack.tableName, Key: shard }))).not.toHaveProperty('Item');
    }
    // Nothing of the workspace is left but its audit trail (actions, never values; its archive is write-once anyway),
    // and its ingest key's secret no longer finds it.
    const { Items: everything = [] } = await stack.documents.send(new ScanCommand({ TableName: stack.tableName }));
    const leftOver = everything.map((item) => `${String(item.pk)} ${String(item.sk)}`).filter((key) => key.startsWith(`TENANT#${tenant.tenantId}`) && !/^TENANT#\w+#AUDIT(TREE|LEAF#\w)?\s/.test(key));
    expect(leftOver).toEqual([]);
    const event = await stack.api.request('POST', '/v1/events', { body: { events: [{ type: 'page_view' }] }, headers: { 'x-ingest-key': ingestKey.secret } });
    expect(event.status).toBe(401);
    // A copy of the ciphertext kept from before (as a backup would hold it) can no longer be opened
    // by the live system: a fresh container (empty key cache) with the same master key finds no data key.
    const keyring = new TenantKeyring({
      provider: new LocalKeyProvider({ masterKeyFile: join(stack.dataDir, 'keys', 'master.key') }),
      store: new DynamoDataKeyStore({ client: stack.documents, tableName: stack.tableName }),
    });
    const decrypt = createFieldCipher(keyring, tenant.tenantId).decrypt({ itemKey: `contact#${contact.id}`, field: 'email' }, String(stolenCopy.email));
    await expect(decrypt).rejects.toThrow();
  });
});
