import { createHttpHandler, customerEndpoints, ok } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';
import { pageBody, pageOf, recordPageQuery } from './customer-http';

export const createListTransactionsHandler = (rt: CustomersRuntime) =>
  createHttpHandler(rt, customerEndpoints.listTransactions, { params: contactIdParams, query: recordPageQuery }, async ({ params, query, actor }) => {
    return ok(pageBody(await rt.customerRecordsFor(actor).listTransactions(params.id, pageOf(query))));
  });

export const handler = createListTransactionsHandler(customersRuntime());
