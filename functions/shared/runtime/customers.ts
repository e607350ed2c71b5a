import { createFieldCipher } from '@rapport/crypto';
import { DynamoContactRepository, DynamoCustomerRecordRepository, DynamoFieldDefinitionRepository, DynamoTicketRepository } from '@rapport/data';
import { createComplaintDesk, createCustomerRecordService, type Actor } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** A contact's orders, interactions and feedback (a complaint opens a ticket), and its 360 view. */
export interface CustomersRuntime extends CommonRuntime {
  customerRecordsFor(actor: Actor): ReturnType<typeof createCustomerRecordService>;
}

export function createCustomersRuntime(environment: NodeJS.ProcessEnv): CustomersRuntime {
  const common = createCommonRuntime(environment);
  const { table, clock, auditLog } = common;
  const keyring = createKeyring(common);
  return {
    ...common,
    customerRecordsFor: (actor) =>
      createCustomerRecordService(
        {
          contacts: new DynamoContactRepository(table, actor.auth.tenantId),
          records: new DynamoCustomerRecordRepository(table, actor.auth.tenantId),
          cipher: createFieldCipher(keyring, actor.auth.tenantId),
          fields: new DynamoFieldDefinitionRepository(table, actor.auth.tenantId),
          auditLog,
          clock,
          complaintDesk: createComplaintDesk({
            tickets: new DynamoTicketRepository(table, actor.auth.tenantId),
            contacts: new DynamoContactRepository(table, actor.auth.tenantId),
            cipher: createFieldCipher(keyring, actor.auth.tenantId),
            clock,
          }),
        },
        actor,
      ),
  };
}

export const customersRuntime = oncePerContainer(createCustomersRuntime);
