import { interactionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, customerEndpoints } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { customersRuntime, type CustomersRuntime } from '../shared/runtime/customers';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createAddInteractionHandler = (rt: CustomersRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), customerEndpoints.addInteraction, { params: contactIdParams, body: interactionCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addInteraction(params.id, body));
  });

export const handler = createAddInteractionHandler(customersRuntime());
