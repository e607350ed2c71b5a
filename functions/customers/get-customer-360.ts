import { createHttpHandler, ok } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';

export const createGetCustomer360Handler = (rt: Runtime) =>
  createHttpHandler(rt, 'getCustomer360', { params: contactIdParams }, async ({ params, actor }) => {
    return ok(await rt.customerRecordsFor(actor).view360(params.id));
  });

export const handler = createGetCustomer360Handler(runtime());
