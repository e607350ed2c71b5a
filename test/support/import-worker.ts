import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { LocalKeyProvider, TenantKeyring, createFieldCipher } from '@rapport/crypto';
import { AuditedWriter, DynamoContactRepository, DynamoDataKeyStore, DynamoFieldDefinitionRepository, DynamoImportJobRepository, DynamoImportRowWriter, S3ImportFileStore } from '@rapport/data';
import { ALL_PERMISSIONS, createImportService, newId, normalisePhone, readHeaders, systemClock, usePhoneParser, type Actor, type ImportWorkerDeps } from '@rapport/domain';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { createTestResources, type TestResources } from './test-stack';

export interface ImportWorkerEngines {
  resources: TestResources;
  bucket: string;
  keyring: TenantKeyring;
}

/**
 * For tests that drive the import worker message by message: this file's table on DynamoDB Local,
 * an imports bucket on s3rver and a keyring with a local master key, created once before the tests;
 * and the phone parser the worker's handler sets, since its rows are validated with phone fields.
 */
export function useImportWorkerEngines(): ImportWorkerEngines {
  const engines = {} as ImportWorkerEngines;
  beforeAll(async () => {
    usePhoneParser(normalisePhone);
    engines.resources = await createTestResources();
    engines.bucket = `imports-${randomUUID()}`;
    await engines.resources.s3.send(new CreateBucketCommand({ Bucket: engines.bucket }));
    engines.keyring = new TenantKeyring({
      provider: new LocalKeyProvider({ masterKeyFile: join(mkdtempSync(join(tmpdir(), 'rapport-keys-')), 'master.key') }),
      store: new DynamoDataKeyStore({ client: engines.resources.documents, tableName: engines.resources.tableName }),
    });
  });
  return engines;
}

/**
 * A new tenant's worker, on real adapters with 7-row chunks, and its import of `csv` (contacts,
 * uploaded, mapped as suggested), created through the service by an owner. `adapt` swaps a port
 * of the worker (to inject a crash) without touching the service's own writes.
 */
export async function mappedContactImport(
  engines: ImportWorkerEngines,
  csv: string,
  options: { queue: ImportWorkerDeps['queue']; requestId: string; adapt?: (deps: ImportWorkerDeps) => Partial<ImportWorkerDeps> },
) {
  const { resources, bucket, keyring } = engines;
  const tenantId = newId();
  const table = { client: resources.documents, tableName: resources.tableName, writer: new AuditedWriter({ client: resources.documents, tableName: resources.tableName, clock: systemClock }) };
  const deps: ImportWorkerDeps = {
    jobs: new DynamoImportJobRepository(table, tenantId),
    files: new S3ImportFileStore({ s3: resources.s3, bucket }),
    queue: options.queue,
    rows: new DynamoImportRowWriter(table, tenantId),
    contacts: new DynamoContactRepository(table, tenantId),
    cipher: createFieldCipher(keyring, tenantId),
    fields: new DynamoFieldDefinitionRepository(table, tenantId),
    clock: systemClock,
    chunkRows: 7,
  };
  const actor: Actor = {
    auth: { tenantId, userId: newId(), sub: randomUUID(), role: 'owner', permissions: ALL_PERMISSIONS },
    request: { requestId: options.requestId, sourceIp: '127.0.0.1', userAgent: 'vitest' },
  };
  const imports = createImportService({ ...deps, readHeaders }, actor);
  const { job } = await imports.create({ entity: 'contacts', fileName: 'people.csv' });
  await resources.s3.send(new PutObjectCommand({ Bucket: bucket, Key: job.fileKey, Body: csv, ContentType: 'text/csv' }));
  const preview = await imports.preview(job.id);
  await imports.setMapping(job.id, { columns: preview.suggestedMapping });
  return { tenantId, deps: { ...deps, ...options.adapt?.(deps) }, imports, importId: job.id };
}
