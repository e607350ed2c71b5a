import { feedbackCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, customerEndpoints } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customerFeedbackRuntime, type CustomersRuntime } from '../shared/runtime/customers';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createAddFeedbackHandler = (rt: CustomersRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), customerEndpoints.addFeedback, { params: contactIdParams, body: feedbackCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addFeedback(params.id, body));
  });

export const handler = createAddFeedbackHandler(customerFeedbackRuntime());
