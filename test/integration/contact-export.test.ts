import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createFieldCipher, LocalKeyProvider, TenantKeyring } from '@rapport/crypto';
import { AuditedWriter, DynamoAuditLog, DynamoCompanyRepository, DynamoContactRepository, DynamoDataKeyStore, DynamoFieldDefinitionRepository, S3ExportFileStore } from '@rapport/data';
import { createContactExportService, createContactService, systemClock, type Actor, type Permission } from '@rapport/domain';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestResources, type TestResources } from '../support/test-stack';

let resources: TestResources;
let dir: string;
let bucket: string;

beforeAll(async () => {
  resources = await createTestResources();
  dir = await mkdtemp(join(tmpdir(), 'rapport-export-it-'));
  bucket = `exports-${randomUUID()}`;
  await resources.s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

function aWorkspace(permissions: Permission[] = ['contacts:read', 'contacts:read_all', 'contacts:write', 'contacts:export', 'pii:read']) {
  const tenantId = ulid();
  const table = { client: resources.documents, tableName: resources.tableName };
  const writer = new AuditedWriter({ ...table, clock: systemClock });
  const keyring = new TenantKeyring({ provider: new LocalKeyProvider({ masterKeyFile: join(dir, 'master.key') }), store: new DynamoDataKeyStore(table) });
  const actor: Actor = {
    auth: { tenantId, userId: ulid(), sub: 'sub', role: 'owner', permissions },
    request: { requestId: randomUUID(), sourceIp: null, userAgent: null },
  };
  const contacts = new DynamoContactRepository({ ...table, writer }, tenantId);
  const auditLog = new DynamoAuditLog(writer);
  const fields = new DynamoFieldDefinitionRepository({ ...table, writer }, tenantId);
  const deps = { contacts, cipher: createFieldCipher(keyring, tenantId), fields, auditLog, clock: systemClock };
  return {
    actor,
    contacts,
    auditLog,
    service: createContactService({ ...deps, companies: new DynamoCompanyRepository({ ...table, writer }, tenantId) }, actor),
    exporter: (pageSize: number) => createContactExportService({ ...deps, files: new S3ExportFileStore({ s3: resources.s3, bucket }), pageSize }, actor),
  };
}

async function objectText(key: string): Promise<string> {
  const { Body } = await resources.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Body!.transformToString();
}

const keysOf = async (tenantId: string) =>
  ((await resources.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenant=${tenantId}/` }))).Contents ?? []).map(({ Key }) => Key!);

describe('contact export over DynamoDB Local and s3rver', () => {
  it('pages through the listing index, each query continuing after the last, until the last page', async () => {
    // Prepare
    const workspace = aWorkspace();
    for (let index = 0; index < 7; index++) await workspace.service.create({ firstName: `C${index}`, email: `c${index}@example.com` });
    const list = vi.spyOn(workspace.contacts, 'list');

    // Act
    const exported = await workspace.exporter(3).export('json');

    // Assess
    expect(list.mock.calls.map(([options]) => options.limit)).toEqual([3, 3, 3]);
    expect(list.mock.calls[0]![0].afterId).toBeUndefined();
    const returned = await Promise.all(list.mock.results.map((result) => result.value as ReturnType<typeof workspace.contacts.list>));
    expect(list.mock.calls.slice(1).map(([options]) => options.afterId)).toEqual(returned.slice(0, 2).map((page) => page.lastId));
    const [key] = await keysOf(workspace.actor.auth.tenantId);
    const lines = (await objectText(key!)).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(exported.count).toBe(7);
    expect(lines.map((contact) => contact.firstName)).toEqual(['C0', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expect(lines[0].email).toBe('c0@example.com');
  });

  it("exports only the caller's own contacts without contacts:read_all, through the owner index", async () => {
    // Prepare
    const workspace = aWorkspace(['contacts:read', 'contacts:write', 'contacts:export']);
    await workspace.service.create({ firstName: 'Mine', email: 'mine@example.com' });
    const list = vi.spyOn(workspace.contacts, 'list');

    // Act
    const exported = await workspace.exporter(10).export('json');

    // Assess
    expect(list.mock.calls[0]![0].ownerId).toBe(workspace.actor.auth.userId);
    expect(exported).toMatchObject({ count: 1, personalData: 'masked' });
  });

  it('streams a file larger than one multipart part into S3 intact', async () => {
    // Prepare
    const store = new S3ExportFileStore({ s3: resources.s3, bucket });
    const tenantId = ulid();
    const line = `${'x'.repeat(1023)}\n`;
    const lines = 12 * 1024; // 12 MiB: three 5 MiB parts at most, so at least two
    async function* content() {
      for (let index = 0; index < lines; index++) yield line;
    }

    // Act
    const link = await store.save({ tenantId, exportId: ulid(), fileName: 'big.csv', contentType: 'text/csv', content: content() });
    const downloaded = Buffer.from(await (await fetch(link.url)).arrayBuffer());

    // Assess
    expect(downloaded.length).toBe(lines * line.length);
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(createHash('sha256').update(line.repeat(lines)).digest('hex'));
  });

  it('leaves no file and no audit event when reading the contacts fails midway', async () => {
    // Prepare
    const workspace = aWorkspace();
    for (let index = 0; index < 4; index++) await workspace.service.create({ firstName: `F${index}` });
    const list = vi.spyOn(workspace.contacts, 'list');
    const firstPage = await workspace.contacts.list({ limit: 2 });
    list.mockResolvedValueOnce(firstPage).mockRejectedValueOnce(new Error('throttled'));
    const audit = vi.spyOn(workspace.auditLog, 'record');

    // Act
    const result = workspace.exporter(2).export('csv');

    // Assess
    await expect(result).rejects.toThrow('throttled');
    expect(await keysOf(workspace.actor.auth.tenantId)).toEqual([]);
    expect(audit).not.toHaveBeenCalled();
  });
});
