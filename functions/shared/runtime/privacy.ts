import { createFieldCipher } from '@rapport/crypto';
import { DynamoDataSubjectStore, DynamoFieldDefinitionRepository, S3ExportFileStore } from '@rapport/data';
import { createDataSubjectService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createS3Client } from './s3';

/** People's data requests: a person's copy goes into the exports bucket, as contact exports do. */
export interface PrivacyRuntime extends CommonRuntime {
  /** Throws where no exports bucket is configured. */
  dataSubjectsFor(actor: Actor): ReturnType<typeof createDataSubjectService>;
}

export function createPrivacyRuntime(environment: NodeJS.ProcessEnv): PrivacyRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  const exportFiles = env.EXPORTS_BUCKET ? new S3ExportFileStore({ s3: createS3Client(common), bucket: env.EXPORTS_BUCKET }) : undefined;
  return {
    ...common,
    dataSubjectsFor: (actor) => {
      if (!exportFiles) throw new Error('Subject exports are not configured (EXPORTS_BUCKET)');
      return createDataSubjectService(
        {
          store: new DynamoDataSubjectStore(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          files: exportFiles,
          auditLog,
          clock,
        },
        actor,
      );
    },
  };
}

export const privacyRuntime = oncePerContainer(createPrivacyRuntime);
