import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactIdParams } from './contact-http';

/** At most 20 candidates, likeliest first: a ranked short list, not a listing to page through. */
export const createListContactDuplicatesHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.listContactDuplicates, { params: contactIdParams }, async ({ params, actor }) =>
    ok({ items: await rt.contactsFor(actor).duplicatesOf(params.id) }),
  );

export const handler = createListContactDuplicatesHandler(contactsRuntime());
