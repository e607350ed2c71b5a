import { BatchWriteItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { keys } from '@rapport/data';
import { provisionTable } from '@rapport/local';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEventsInTable } from '../support/audit-items';
import { useTestApi } from '../support/test-stack';

/**
 * The restore drill, locally: two workspaces with data; a copy of the table standing in for a
 * point-in-time restore; workspace A damaged (and B changed too) through the API; A restored from
 * the copy with the CLI an operator runs in AWS. A's items are then exactly the copy's, except its
 * audit trail, which is never rolled back (it gains the restore's own event and still verifies),
 * and its analytics, which the stream moves back; B is byte for byte as it was just before.
 */
const stack = useTestApi({ auditPipeline: true, analyticsPipeline: true });
const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

type RawItem = Record<string, AttributeValue>;
type Tenant = Awaited<ReturnType<typeof stack.api.newTenant>>;

async function scanTable(tableName: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let ExclusiveStartKey: RawItem | undefined;
  do {
    const page = await stack.dynamo.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** The table copied item for item into a new table of the same schema: what a point-in-time restore gives. */
async function snapshotTable(): Promise<string> {
  const copy = `restored-${randomUUID()}`;
  await provisionTable(stack.engines.dynamodb, copy);
  const items = await scanTable(stack.tableName);
  for (let start = 0; start < items.length; start += 25) {
    const requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    const result = await stack.dynamo.send(new BatchWriteItemCommand({ RequestItems: { [copy]: requests } }));
    expect(result.UnprocessedItems ?? {}).toEqual({});
  }
  return copy;
}

const pkOf = (item: RawItem) => item.pk!.S!;
const inWorkspace = (tenantId: string) => (item: RawItem) =>
  pkOf(item) === keys.tenant(tenantId).pk || pkOf(item).startsWith(`${keys.tenant(tenantId).pk}#`);
const byKey = (a: RawItem, b: RawItem) => `${pkOf(a)}|${a.sk!.S}`.localeCompare(`${pkOf(b)}|${b.sk!.S}`);

/**
 * A workspace's items in a table, in key order; `business` leaves out what a restore keeps as it is
 * (its audit trail, what follows the stream, and the rate counters, which count requests).
 */
async function workspaceItems(tableName: string, tenantId: string, { business = false } = {}): Promise<RawItem[]> {
  return (await scanTable(tableName))
    .filter(inWorkspace(tenantId))
    .filter((item) => !business || !keys.restoreKeptPartitionPrefixes(tenantId).some((prefix) => pkOf(item).startsWith(prefix)))
    .sort(byKey);
}

async function restoreCli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(resolve(root, 'node_modules/.bin/tsx'), [resolve(root, 'packages/data/src/cli/restore-tenant.ts'), ...args], {
      cwd: root,
      env: { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: stack.engines.dynamodb, TABLE_NAME: stack.tableName },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function created(tenant: Tenant, path: string, body: unknown): Promise<string> {
  const response = await stack.api.request('POST', path, { token: tenant.token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);
const conversion = async (tenant: Tenant) =>
  (await stack.api.request('GET', `/v1/analytics/conversion?from=${thisMonth()}&to=${thisMonth()}`, { token: tenant.token })).body;
/** Waits until no write is left for the audit integrator or the analytics projector. */
const settled = async () => {
  await stack.audit!.drain();
  await stack.analytics!.drain();
};

const period = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });

// Each CLI run starts a process of its own (tsx compiling the tool), seconds on a loaded machine.
describe('restoring one workspace to a point in time', { timeout: 120_000 }, () => {
  let a: Tenant;
  let b: Tenant;
  let source: string;
  let atRestorePoint: unknown;
  let afterDamage: unknown;
  const ids = {} as { kept: string; edited: string; deleted: string; added: string; company: string };

  beforeAll(async () => {
    [a, b] = [await stack.api.newTenant(), await stack.api.newTenant()];
    for (const tenant of [a, b]) {
      await created(tenant, '/v1/contacts', { firstName: 'Ada', lastName: 'Lovelace', email: `ada-${randomUUID()}@example.com`, title: 'Countess' });
      await created(tenant, '/v1/roles', { name: 'Readers', permissions: ['contacts:read'] });
    }
    ids.kept = await created(a, '/v1/contacts', { firstName: 'Kept', email: 'kept@example.com' });
    ids.edited = await created(a, '/v1/contacts', { firstName: 'Edited', title: 'Buyer', phone: '+442071838750' });
    ids.deleted = await created(a, '/v1/contacts', { firstName: 'Deleted', email: 'deleted@example.com' });
    ids.company = await created(a, '/v1/companies', { name: 'Analytical Engines Ltd' });
    await settled();
    atRestorePoint = await conversion(a);

    source = await snapshotTable();

    // The damage, after the restore point: in A a deletion, an edit, a new contact, company and role, a removed company.
    expect((await stack.api.request('DELETE', `/v1/contacts/${ids.deleted}`, { token: a.token })).status).toBe(204);
    expect((await stack.api.request('PATCH', `/v1/contacts/${ids.edited}`, { token: a.token, body: { title: 'Wrong', phone: '+14155550100', lifecycleStage: 'customer' } })).status).toBe(200);
    ids.added = await created(a, '/v1/contacts', { firstName: 'Added', email: 'added@example.com' });
    await created(a, '/v1/roles', { name: 'Made later', permissions: ['contacts:read'] });
    expect((await stack.api.request('DELETE', `/v1/companies/${ids.company}`, { token: a.token })).status).toBe(204);
    // B goes on working after the restore point too: none of it may be undone.
    await created(b, '/v1/contacts', { firstName: 'Later', email: 'later@example.com' });
    await settled();
    afterDamage = await conversion(a);
  }, 240_000);

  it('refuses a workspace the copy does not hold, or a bad id, and writes nothing', async () => {
    const stranger = (await stack.api.newTenant()).tenantId;
    await settled();
    const before = (await scanTable(stack.tableName)).sort(byKey);

    const [unknown, badId, sameTable] = await Promise.all([
      restoreCli('--source', source, '--tenant', stranger),
      restoreCli('--source', source, '--tenant', 'TENANT#x'),
      restoreCli('--source', stack.tableName, '--tenant', a.tenantId),
    ]);

    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining(`No workspace ${stranger} in the source table`) });
    expect(badId).toMatchObject({ code: 2, stderr: expect.stringContaining('--tenant must be a workspace id') });
    expect(sameTable).toMatchObject({ code: 2, stderr: expect.stringContaining('The source table is the live table') });
    expect((await scanTable(stack.tableName)).sort(byKey)).toEqual(before);
  });

  it('counts the changes on a dry run and writes nothing', async () => {
    const before = (await scanTable(stack.tableName)).sort(byKey);

    const dryRun = await restoreCli('--source', source, '--tenant', a.tenantId, '--dry-run');

    expect(dryRun.code, dryRun.stderr).toBe(0);
    const result = JSON.parse(dryRun.stdout);
    expect(result).toMatchObject({ tenantId: a.tenantId, dryRun: true, auditEventId: null, restoredTo: null });
    // Put back: the deleted contact (profile and lookup), the edited one's profile and phone lookup, the
    // company, the counts moved; deleted: what was made later (contact, role, its name lock).
    expect(result.put).toBeGreaterThanOrEqual(4);
    expect(result.deleted).toBeGreaterThanOrEqual(3);
    expect((await scanTable(stack.tableName)).sort(byKey)).toEqual(before);
  });

  it("makes A's items exactly the copy's (its audit trail aside), leaves B byte for byte as it was, and audits the restore", async () => {
    // Prepare
    await settled();
    const bBefore = await workspaceItems(stack.tableName, b.tenantId);
    const auditBefore = await auditEventsInTable(stack.documents, stack.tableName, a.tenantId);

    // Act
    const restore = await restoreCli('--source', source, '--tenant', a.tenantId);

    // Assess
    expect(restore.code, restore.stderr).toBe(0);
    const result = JSON.parse(restore.stdout);
    expect(await workspaceItems(stack.tableName, a.tenantId, { business: true })).toEqual(await workspaceItems(source, a.tenantId, { business: true }));
    expect(await workspaceItems(stack.tableName, b.tenantId)).toEqual(bBefore);
    // The audit trail is not rolled back: every event of the damage is still there, then the restore's.
    const auditAfter = await auditEventsInTable(stack.documents, stack.tableName, a.tenantId);
    expect(auditAfter.slice(0, auditBefore.length).map((event) => event.eventId)).toEqual(auditBefore.map((event) => event.eventId));
    expect(auditBefore.map((event) => event.action)).toEqual(expect.arrayContaining(['contact.deleted', 'contact.updated', 'company.deleted']));
    expect(auditAfter.slice(auditBefore.length)).toEqual([
      expect.objectContaining({
        eventId: result.auditEventId,
        action: 'tenant.restored',
        target: { type: 'tenant', id: a.tenantId },
        outcome: 'success',
        actor: { userId: null, role: null },
        details: { sourceTable: source, itemsPut: result.put, itemsDeleted: result.deleted, itemsUnchanged: result.unchanged },
      }),
    ]);
  });

  it('serves the restored workspace through the API as it was', async () => {
    const get = (path: string) => stack.api.request('GET', path, { token: a.token });

    expect((await get(`/v1/contacts/${ids.deleted}`)).status).toBe(200);
    expect((await get(`/v1/contacts/${ids.added}`)).status).toBe(404);
    expect((await get(`/v1/contacts/${ids.edited}`)).body).toMatchObject({ title: 'Buyer' });
    expect((await get(`/v1/companies/${ids.company}`)).status).toBe(200);
    const roles = (await get('/v1/roles')).body.items.map((role: { name: string }) => role.name);
    expect(roles).toContain('Readers');
    expect(roles).not.toContain('Made later');
  });

  it("moves A's analytics back through the stream to what they were at the restore point", async () => {
    await settled();

    expect(afterDamage).not.toEqual(atRestorePoint);
    expect(await conversion(a)).toEqual(atRestorePoint);
  });

  it("keeps A's audit trail verifiable, the restore event chained after the damage's", async () => {
    await stack.audit!.drain();
    await stack.audit!.writeDigests();

    const verification = await stack.api.request('POST', '/v1/audit/verify', { token: a.token, body: period() });
    const events = await stack.api.request('GET', '/v1/audit/events?action=tenant.restored', { token: a.token });

    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ ok: true, problems: [] });
    expect(events.body.items).toEqual([expect.objectContaining({ action: 'tenant.restored', seq: expect.any(Number), hash: expect.any(String) })]);
  });

  it('does nothing more when run again: the restore converges', async () => {
    const again = await restoreCli('--source', source, '--tenant', a.tenantId, '--dry-run');

    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ put: 0, deleted: 0 });
  });
});
