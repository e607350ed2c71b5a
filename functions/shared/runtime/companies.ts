import { createFieldCipher } from '@rapport/crypto';
import { DynamoCompanyRepository, DynamoFieldDefinitionRepository } from '@rapport/data';
import { createCompanyService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** Companies (accounts). */
export interface CompaniesRuntime extends CommonRuntime {
  companiesFor(actor: Actor): ReturnType<typeof createCompanyService>;
}

export function createCompaniesRuntime(environment: NodeJS.ProcessEnv): CompaniesRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  return {
    ...common,
    companiesFor: (actor) =>
      createCompanyService(
        {
          companies: new DynamoCompanyRepository(table, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          auditLog,
          clock,
        },
        actor,
      ),
  };
}

export const companiesRuntime = oncePerContainer(createCompaniesRuntime);
