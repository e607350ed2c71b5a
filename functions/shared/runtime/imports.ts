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
import { createImportService, type Actor, type ImportWorkerDeps } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createS3Client } from './s3';

/** CSV imports: the API's routes and the worker that takes the chunks. */
export interface ImportsRuntime extends CommonRuntime {
  /** CSV imports of the caller's workspace. */
  importsFor(actor: Actor): ReturnType<typeof createImportService>;
  /** What the import worker needs for one tenant's job. */
  importWorkerFor(tenantId: string): ImportWorkerDeps;
}

export function createImportsRuntime(environment: NodeJS.ProcessEnv): ImportsRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock } = common;
  const keyring = createKeyring(common);
  // Upload URLs must not carry a checksum of the (empty) body they are signed without.
  const s3 = createS3Client(common, { requestChecksumCalculation: 'WHEN_REQUIRED' });
  const sqs = new SQSClient({ region: env.AWS_REGION });
  const importDeps = (tenantId: string): ImportWorkerDeps => {
    if (!env.IMPORT_BUCKET || !env.IMPORT_QUEUE_URL) throw new Error('Imports need IMPORT_BUCKET and IMPORT_QUEUE_URL');
    return {
      jobs: new DynamoImportJobRepository(table, tenantId),
      files: new S3ImportFileStore({ s3, bucket: env.IMPORT_BUCKET }),
      queue: new SqsImportChunkQueue({ sqs, queueUrl: env.IMPORT_QUEUE_URL }),
      rows: new DynamoImportRowWriter(table, tenantId),
      contacts: new DynamoContactRepository(table, tenantId),
      cipher: createFieldCipher(keyring, tenantId),
      fields: new DynamoFieldDefinitionRepository(table, tenantId),
      clock,
      ...(env.IMPORT_CHUNK_ROWS ? { chunkRows: env.IMPORT_CHUNK_ROWS } : {}),
    };
  };
  return {
    ...common,
    importsFor: (actor) => createImportService(importDeps(actor.auth.tenantId), actor),
    importWorkerFor: importDeps,
  };
}

export const importsRuntime = oncePerContainer(createImportsRuntime);
