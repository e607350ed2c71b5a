import { transactionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, customerEndpoints } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';
import { idempotentRuntime } from '../shared/idempotency';

export const createAddTransactionHandler = (rt: CustomersRuntime) =>
  createHttpHandler(idempotentRuntime(rt), customerEndpoints.addTransaction, { params: contactIdParams, body: transactionCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addTransaction(params.id, body));
  });

export const handler = createAddTransactionHandler(customersRuntime());
