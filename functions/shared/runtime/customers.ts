import { createFieldCipher, type TenantKeyring } from '@rapport/crypto';
import { DynamoContactRepository, DynamoCustomerRecordRepository, DynamoFieldDefinitionRepository, DynamoTicketRepository } from '@rapport/data';
import { createComplaintDesk, createCustomerRecordService, type Actor, type ComplaintDesk } from '@rapport/domain';
import { createCommonRuntime, oncePerContainer, type CommonRuntime } from './common';
import { createKeyring } from './keyring';

/** A contact's orders, interactions and feedback (a complaint opens a ticket), and its 360 view. */
export interface CustomersRuntime extends CommonRuntime {
  customerRecordsFor(actor: Actor): ReturnType<typeof createCustomerRecordService>;
}

type ComplaintDeskOf = (parts: { table: CommonRuntime['table']; keyring: TenantKeyring; clock: CommonRuntime['clock'] }, tenantId: string) => ComplaintDesk;

/** `options.complaintDeskOf` for the feedback handler only: no other customer route records a complaint. */
export function createCustomersRuntime(environment: NodeJS.ProcessEnv, options: { complaintDeskOf?: ComplaintDeskOf } = {}): CustomersRuntime {
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
          ...(options.complaintDeskOf ? { complaintDesk: options.complaintDeskOf({ table, keyring, clock }, actor.auth.tenantId) } : {}),
        },
        actor,
      ),
  };
}

/** A complaint opens a ticket: the ticket repository and the desk are in the feedback handler's bundle only. */
const openTickets: ComplaintDeskOf = ({ table, keyring, clock }, tenantId) =>
  createComplaintDesk({
    tickets: new DynamoTicketRepository(table, tenantId),
    contacts: new DynamoContactRepository(table, tenantId),
    cipher: createFieldCipher(keyring, tenantId),
    clock,
  });

// Marked pure so that a bundle drops the runtime its handler does not use.
export const customersRuntime = /* @__PURE__ */ oncePerContainer(createCustomersRuntime);
export const customerFeedbackRuntime = /* @__PURE__ */ oncePerContainer((environment) => createCustomersRuntime(environment, { complaintDeskOf: openTickets }));
