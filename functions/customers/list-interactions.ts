import { createHttpHandler, customerEndpoints, ok } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';
import { pageBody, pageOf, recordPageQuery } from './customer-http';

export const createListInteractionsHandler = (rt: CustomersRuntime) =>
  createHttpHandler(rt, customerEndpoints.listInteractions, { params: contactIdParams, query: recordPageQuery }, async ({ params, query, actor }) => {
    return ok(pageBody(await rt.customerRecordsFor(actor).listInteractions(params.id, pageOf(query))));
  });

export const handler = createListInteractionsHandler(customersRuntime());
