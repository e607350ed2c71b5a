import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactHeaders, contactIdParams } from './contact-http';

export const createGetContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.getContact, { params: contactIdParams }, async ({ params, actor }) => {
    const contact = await rt.contactsFor(actor).get(params.id);
    return ok(contact, contactHeaders(contact));
  });

export const handler = createGetContactHandler(contactsRuntime());
