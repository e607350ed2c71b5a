import { interactionCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { contactIdParams } from '../contacts/contact-http';
import { runtime, type Runtime } from '../shared/runtime';

export const createAddInteractionHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'addInteraction', { params: contactIdParams, body: interactionCreateSchema }, async ({ params, body, actor }) => {
    return created(await rt.customerRecordsFor(actor).addInteraction(params.id, body));
  });

export const handler = createAddInteractionHandler(runtime());
