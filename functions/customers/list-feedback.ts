import { createHttpHandler, ok } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';
import { pageBody, pageOf, recordPageQuery } from './customer-http';

export const createListFeedbackHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listFeedback', { params: contactIdParams, query: recordPageQuery }, async ({ params, query, actor }) => {
    return ok(pageBody(await rt.customerRecordsFor(actor).listFeedback(params.id, pageOf(query))));
  });

export const handler = createListFeedbackHandler(runtime());
