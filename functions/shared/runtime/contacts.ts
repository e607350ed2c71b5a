import { createFieldCipher } from '@rapport/crypto';
import { ContactMerges, DynamoCompanyRepository, DynamoContactRepository, DynamoFieldDefinitionRepository, S3ExportFileStore } from '@rapport/data';
import { createContactExportService, createContactService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';
import { createS3Client } from './s3';

/** Contacts. */
export interface ContactsRuntime extends CommonRuntime {
  contactsFor(actor: Actor): ReturnType<typeof createContactService>;
}

/**
 * Exports of contacts into the exports bucket: a runtime of their own, so that only the export
 * handler holds the CSV writer and creates an S3 client.
 */
export interface ContactExportsRuntime extends CommonRuntime {
  /** Throws where no bucket is configured. */
  contactExportsFor(actor: Actor): ReturnType<typeof createContactExportService>;
}

/** `options.merges` for the merge and undo handlers only: the other contact routes merge nothing. */
export function createContactsRuntime(environment: NodeJS.ProcessEnv, options: { merges?: typeof ContactMerges } = {}): ContactsRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  return {
    ...common,
    contactsFor: (actor) =>
      createContactService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId, options.merges ? { merges: new options.merges(table, actor.auth.tenantId) } : {}),
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
  };
}

export function createContactExportsRuntime(environment: NodeJS.ProcessEnv): ContactExportsRuntime {
  const common = createCommonRuntime(environment);
  const { env, table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  const exportFiles = env.EXPORTS_BUCKET ? new S3ExportFileStore({ s3: createS3Client(common), bucket: env.EXPORTS_BUCKET }) : undefined;
  return {
    ...common,
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

// Marked pure so that a bundle drops the runtime its handler does not use.
export const contactsRuntime = /* @__PURE__ */ oncePerContainer(createContactsRuntime);
export const contactMergesRuntime = /* @__PURE__ */ oncePerContainer((environment) => createContactsRuntime(environment, { merges: ContactMerges }));
export const contactExportsRuntime = /* @__PURE__ */ oncePerContainer(createContactExportsRuntime);
