import { SQSClient } from '@aws-sdk/client-sqs';
import { createFieldCipher } from '@rapport/crypto';
import {
  DynamoContactRepository,
  DynamoFieldDefinitionRepository,
  DynamoImportJobRepository,
  DynamoImportRowWriter,
  S3ImportFileStore,
  SqsImportChunkQueue,
} from '@rapport/data';
import { createImportService, readHeaders, type Actor, type ImportServiceDeps, type ImportWorkerDeps } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createS3Client } from './s3';

/** CSV imports of the caller's workspace: the API's routes. */
export interface ImportsRuntime extends CommonRuntime {
  importsFor(actor: Actor): ReturnType<typeof createImportService>;
}

/** What the import worker needs for one tenant's job: the API's routes write no contact and decrypt nothing. */
export interface ImportWorkerRuntime extends CommonRuntime {
  importWorkerFor(tenantId: string): ImportWorkerDeps;
}

/** The job, the file and the queue of a tenant's imports, shared by the API's routes and the worker. */
function importPorts(common: CommonRuntime) {
  const { env, table } = common;
  // Upload URLs must not carry a checksum of the (empty) body they are signed without.
  const s3 = createS3Client(common, { requestChecksumCalculation: 'WHEN_REQUIRED' });
  const sqs = new SQSClient({ region: env.AWS_REGION });
  return (tenantId: string) => {
    if (!env.IMPORT_BUCKET || !env.IMPORT_QUEUE_URL) throw new Error('Imports need IMPORT_BUCKET and IMPORT_QUEUE_URL');
    return {
      jobs: new DynamoImportJobRepository(table, tenantId),
      files: new S3ImportFileStore({ s3, bucket: env.IMPORT_BUCKET }),
      queue: new SqsImportChunkQueue({ sqs, queueUrl: env.IMPORT_QUEUE_URL }),
      fields: new DynamoFieldDefinitionRepository(table, tenantId),
      clock: common.clock,
    };
  };
}

/** `options.readHeaders` for the preview handler only: the other routes read no CSV. */
export function createImportsRuntime(environment: NodeJS.ProcessEnv, options: Pick<ImportServiceDeps, 'readHeaders'> = {}): ImportsRuntime {
  const common = createCommonRuntime(environment);
  const portsFor = importPorts(common);
  return { ...common, importsFor: (actor) => createImportService({ ...portsFor(actor.auth.tenantId), ...options }, actor) };
}

export function createImportWorkerRuntime(environment: NodeJS.ProcessEnv): ImportWorkerRuntime {
  const common = createCommonRuntime(environment);
  const { env, table } = common;
  const keyring = createKeyring(common);
  const portsFor = importPorts(common);
  return {
    ...common,
    importWorkerFor: (tenantId) => ({
      ...portsFor(tenantId),
      rows: new DynamoImportRowWriter(table, tenantId),
      contacts: new DynamoContactRepository(table, tenantId),
      cipher: createFieldCipher(keyring, tenantId),
      ...(env.IMPORT_CHUNK_ROWS ? { chunkRows: env.IMPORT_CHUNK_ROWS } : {}),
    }),
  };
}

// Marked pure so that a bundle drops the runtimes its handler does not use.
export const importsRuntime = /* @__PURE__ */ oncePerContainer(createImportsRuntime);
export const importPreviewsRuntime = /* @__PURE__ */ oncePerContainer((environment) => createImportsRuntime(environment, { readHeaders }));
export const importWorkerRuntime = /* @__PURE__ */ oncePerContainer(createImportWorkerRuntime);
