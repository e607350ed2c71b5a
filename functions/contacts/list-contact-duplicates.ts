import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactIdParams } from './contact-http';

/** At most 20 candidates, likeliest first: a ranked short list, not a listing to page through. */
export const createListContactDuplicatesHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'listContactDuplicates', { params: contactIdParams }, async ({ params, actor }) =>
    ok({ items: await rt.contactsFor(actor).duplicatesOf(params.id) }),
  );

export const handler = createListContactDuplicatesHandler(runtime());
