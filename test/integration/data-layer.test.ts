import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { AuditedWriter, DynamoContactRepository, DynamoTenantRepository, keys } from '@rapport/data';
import {
  NotFoundError,
  VersionConflictError,
  newId,
  systemClock,
  type Audited,
  type Membership,
  type StoredContact,
  type Tenant,
} from '@rapport/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;
let writer: AuditedWriter;

beforeAll(async () => {
  resources = await createTestResources();
  writer = new AuditedWriter({ client: resources.documents, tableName: resources.tableName, clock: systemClock });
});

const table = () => ({ client: resources.documents, tableName: resources.tableName, writer });
const audit = (action: Audited['entry']['action'] = 'contact.created'): Audited => ({
  context: { actor: { userId: 'U', role: 'owner' }, requestId: 'req', sourceIp: '127.0.0.1', userAgent: 'test' },
  entry: { action, target: { type: 'contact', id: 'X' }, outcome: 'success' },
});

function aContact(overrides: Partial<StoredContact> = {}): StoredContact {
  const now = new Date().toISOString();
  return { id: newId(), firstName: 'Steven', ownerId: newId(), version: 1, createdAt: now, updatedAt: now, ...overrides };
}

async function aTenantWithOwner() {
  const now = new Date().toISOString();
  const tenant: Tenant = { id: newId(), name: 'Acme', ownerUserId: newId(), ownerCount: 1, version: 1, createdAt: now, updatedAt: now };
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
  await new DynamoTenantRepository(table()).createTenantWithOwner(tenant, owner, audit('tenant.created'));
  return { tenant, owner };
}

const auditTrail = (tenantId: string) => auditEventsInTable(resources.documents, resources.tableName, tenantId);

describe('the single table', () => {
  it('leads every primary key with the tenant that owns the item', async () => {
    // Prepare
    const { tenant } = await aTenantWithOwner();
    await new DynamoContactRepository(table(), tenant.id).create(aContact(), audit());

    // Act
    const { Items = [] } = await resources.documents.send(new ScanCommand({ TableName: resources.tableName }));

    // Assess
    const mine = Items.filter((item) => String(item.pk).startsWith(`TENANT#${tenant.id}`));
    expect(new Set(mine.map((item) => item.entity))).toEqual(new Set(['contact', 'membership', 'tenant', 'audit-event']));
    for (const item of Items) expect(item.pk).toMatch(/^TENANT#[0-9A-HJKMNP-TV-Z]{26}(#|$)/);
  });

  it('finds a membership by its Cognito sub, and nothing for an unknown sub', async () => {
    const { owner } = await aTenantWithOwner();
    const repository = new DynamoTenantRepository({ ...table(), indexMissRetries: 0 });

    expect(await repository.findMembershipBySub(owner.sub!)).toMatchObject({ tenantId: owner.tenantId, userId: owner.userId, role: 'owner' });
    expect(await repository.findMembershipBySub(crypto.randomUUID())).toBeNull();
  });

  it('refuses a second tenant with the same id (no silent overwrite), and audits nothing for it', async () => {
    const { tenant, owner } = await aTenantWithOwner();

    const again = new DynamoTenantRepository(table()).createTenantWithOwner({ ...tenant, name: 'Hijack' }, owner, audit('tenant.created'));

    await expect(again).rejects.toThrow();
    expect((await new DynamoTenantRepository(table()).getTenant(tenant.id))?.name).toBe('Acme');
    expect(await auditTrail(tenant.id)).toHaveLength(1);
  });
});

describe('a contact repository bound to one tenant', () => {
  it('cannot read, change or delete another tenant\'s contact', async () => {
    // Prepare
    const a = new DynamoContactRepository(table(), newId());
    const b = new DynamoContactRepository(table(), newId());
    const contact = aContact();
    await a.create(contact, audit());

    // Act + Assess
    expect(await b.get(contact.id)).toBeNull();
    await expect(b.replace({ ...contact, firstName: 'Mallory', version: 2 }, contact, audit('contact.updated'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(b.delete(contact.id, undefined, audit('contact.deleted'))).rejects.toBeInstanceOf(NotFoundError);
    expect((await b.list({ limit: 10 })).items).toEqual([]);
    expect(await a.get(contact.id)).toEqual(contact);
  });

  it('tells a stale version from a missing contact', async () => {
    const repository = new DynamoContactRepository(table(), newId());
    const contact = aContact();
    await repository.create(contact, audit());
    await repository.replace({ ...contact, title: 'CEO', version: 2 }, contact, audit('contact.updated'));

    const stale = repository.replace({ ...contact, title: 'CFO', version: 2 }, contact, audit('contact.updated'));

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await repository.get(contact.id))?.title).toBe('CEO');
  });

  it('lists one owner\'s contacts only, through their own index', async () => {
    const tenantId = newId();
    const repository = new DynamoContactRepository(table(), tenantId);
    const mine = aContact({ ownerId: 'ME' });
    await repository.create(mine, audit());
    await repository.create(aContact({ ownerId: 'SOMEONE-ELSE' }), audit());

    const page = await repository.list({ limit: 10, ownerId: 'ME' });

    expect(page.items.map((contact) => contact.id)).toEqual([mine.id]);
  });
});

describe('audited writes', () => {
  it('writes exactly one pending event with each change, and none when the change is refused', async () => {
    // Prepare
    const tenantId = newId();
    const repository = new DynamoContactRepository(table(), tenantId);
    const contact = aContact();

    // Act
    await repository.create(contact, audit('contact.created'));
    await repository.replace({ ...contact, version: 2 }, contact, audit('contact.updated'));
    await expect(repository.replace({ ...contact, version: 2 }, contact, audit('contact.updated'))).rejects.toBeInstanceOf(VersionConflictError);
    await repository.delete(contact.id, undefined, audit('contact.deleted'));

    // Assess
    const events = await auditTrail(tenantId);
    expect(events.map((event) => event.action)).toEqual(['contact.created', 'contact.updated', 'contact.deleted']);
    // Pending: sequencing and hashing are the integrator's, off the request path.
    for (const event of events) expect(event).not.toHaveProperty('seq');
    for (const event of events) expect(event).not.toHaveProperty('hash');
  });

  it('lets concurrent writers of one tenant each write their own event, with no chain head to take turns on', async () => {
    const tenantId = newId();
    const repository = new DynamoContactRepository(table(), tenantId);

    await Promise.all(Array.from({ length: 12 }, () => repository.create(aContact(), audit())));

    const events = await auditTrail(tenantId);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(12);
    const { Items = [] } = await resources.documents.send(
      new ScanCommand({ TableName: resources.tableName, FilterExpression: 'pk = :pk AND sk = :head', ExpressionAttributeValues: { ':pk': keys.auditPartition(tenantId).pk, ':head': 'HEAD' } }),
    );
    expect(Items).toEqual([]);
  });
});
