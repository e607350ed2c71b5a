import { feedbackCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';

export const createAddFeedbackHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'addFeedback', { params: contactIdParams, body: feedbackCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addFeedback(params.id, body));
  });

export const handler = createAddFeedbackHandler(runtime());
