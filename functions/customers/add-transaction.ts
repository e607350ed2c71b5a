import { transactionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, customerEndpoints } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';

export const createAddTransactionHandler = (rt: CustomersRuntime) =>
  createHttpHandler(rt, customerEndpoints.addTransaction, { params: contactIdParams, body: transactionCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addTransaction(params.id, body));
  });

export const handler = createAddTransactionHandler(customersRuntime());
