import { createHttpHandler, customerEndpoints, ok } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';

export const createGetCustomer360Handler = (rt: CustomersRuntime) =>
  createHttpHandler(rt, customerEndpoints.getCustomer360, { params: contactIdParams }, async ({ params, actor }) => {
    return ok(await rt.customerRecordsFor(actor).view360(params.id));
  });

export const handler = createGetCustomer360Handler(customersRuntime());
