import { createFieldCipher } from '@rapport/crypto';
import { DynamoCompanyRepository, DynamoContactRepository, DynamoFieldDefinitionRepository, S3ExportFileStore } from '@rapport/data';
import { createContactExportService, createContactService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createS3Client } from './s3';

/** Contacts, and their exports into the exports bucket. */
export interface ContactsRuntime extends CommonRuntime {
  contactsFor(actor: Actor): ReturnType<typeof createContactService>;
  /** Exports of contacts into the exports bucket; throws where no bucket is configured. */
  contactExportsFor(actor: Actor): ReturnType<typeof createContactExportService>;
}

export function createContactsRuntime(environment: NodeJS.ProcessEnv): ContactsRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  const exportFiles = env.EXPORTS_BUCKET ? new S3ExportFileStore({ s3: createS3Client(common), bucket: env.EXPORTS_BUCKET }) : undefined;
  return {
    ...common,
    contactsFor: (actor) =>
      createContactService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
    contactExportsFor: (actor) => {
      if (!exportFiles) throw new Error('Contact exports are not configured (EXPORTS_BUCKET)');
      return createContactExportService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          files: exportFiles,
          auditLog,
          clock,
          ...(env.EXPORT_PAGE_SIZE ? { pageSize: env.EXPORT_PAGE_SIZE } : {}),
        },
        actor,
      );
    },
  };
}

export const contactsRuntime = oncePerContainer(createContactsRuntime);
