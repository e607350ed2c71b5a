import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoContactRepository, DynamoTenantRepository } from '@rapport/data';
import { NotFoundError, VersionConflictError, newId, type Contact, type Membership, type Tenant } from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;

beforeAll(async () => {
  resources = await createTestResources();
});

const table = () => ({ client: resources.documents, tableName: resources.tableName });

function aContact(overrides: Partial<Contact> = {}): Contact {
  const now = new Date().toISOString();
  return { id: newId(), firstName: 'Steven', ownerId: newId(), version: 1, createdAt: now, updatedAt: now, ...overrides };
}

async function aTenantWithOwner() {
  const now = new Date().toISOString();
  const tenant: Tenant = { id: newId(), name: 'Acme', ownerUserId: newId(), version: 1, createdAt: now, updatedAt: now };
  const owner: Membership = {
    tenantId: tenant.id,
    userId: tenant.ownerUserId,
    sub: crypto.randomUUID(),
    email: 'owner@example.com',
    name: 'Owner',
    role: 'owner',
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await new DynamoTenantRepository(table()).createTenantWithOwner(tenant, owner);
  return { tenant, owner };
}

describe('the single table', () => {
  it('leads every primary key with the tenant that owns the item', async () => {
    // Prepare
    const { tenant } = await aTenantWithOwner();
    const contact = aContact();
    await new DynamoContactRepository(table(), tenant.id).create(contact);

    // Act
    const { Items = [] } = await resources.documents.send(new ScanCommand({ TableName: resources.tableName }));

    // Assess
    const mine = Items.filter((item) => String(item.pk).startsWith(`TENANT#${tenant.id}`));
    expect(mine.map((item) => item.entity).sort()).toEqual(['contact', 'membership', 'tenant']);
    for (const item of Items) expect(item.pk).toMatch(/^TENANT#[0-9A-HJKMNP-TV-Z]{26}(#|$)/);
  });

  it('finds a membership by its Cognito sub, and nothing for an unknown sub', async () => {
    const { owner } = await aTenantWithOwner();
    const repository = new DynamoTenantRepository({ ...table(), indexMissRetries: 0 });

    expect(await repository.findMembershipBySub(owner.sub)).toMatchObject({ tenantId: owner.tenantId, userId: owner.userId, role: 'owner' });
    expect(await repository.findMembershipBySub(crypto.randomUUID())).toBeNull();
  });

  it('refuses a second tenant with the same id (no silent overwrite)', async () => {
    const { tenant, owner } = await aTenantWithOwner();

    const again = new DynamoTenantRepository(table()).createTenantWithOwner({ ...tenant, name: 'Hijack' }, owner);

    await expect(again).rejects.toThrow();
    expect((await new DynamoTenantRepository(table()).getTenant(tenant.id))?.name).toBe('Acme');
  });
});

describe('a contact repository bound to one tenant', () => {
  it('cannot read, change or delete another tenant\'s contact', async () => {
    // Prepare
    const a = new DynamoContactRepository(table(), newId());
    const b = new DynamoContactRepository(table(), newId());
    const contact = aContact();
    await a.create(contact);

    // Act + Assess
    expect(await b.get(contact.id)).toBeNull();
    await expect(b.update(contact.id, { set: { firstName: 'Mallory' }, remove: [], updatedAt: new Date().toISOString() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(b.update(contact.id, { set: { firstName: 'Mallory' }, remove: [], updatedAt: new Date().toISOString(), expectedVersion: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(b.delete(contact.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await b.list({ limit: 10 })).items).toEqual([]);
    expect(await a.get(contact.id)).toEqual(contact);
  });

  it('tells a stale version from a missing contact', async () => {
    const repository = new DynamoContactRepository(table(), newId());
    const contact = aContact();
    await repository.create(contact);
    await repository.update(contact.id, { set: { title: 'CEO' }, remove: [], updatedAt: new Date().toISOString() });

    const stale = repository.update(contact.id, { set: { title: 'CFO' }, remove: [], updatedAt: new Date().toISOString(), expectedVersion: 1 });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await repository.get(contact.id))?.title).toBe('CEO');
  });
});
