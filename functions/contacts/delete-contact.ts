import { contactEndpoints, createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactIdParams } from './contact-http';

export const createDeleteContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.deleteContact, { params: contactIdParams }, async ({ params, headers, actor }) => {
    await rt.contactsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteContactHandler(contactsRuntime());
