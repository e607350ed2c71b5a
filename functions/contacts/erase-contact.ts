import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactIdParams } from './contact-http';

export const createEraseContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.eraseContact, { params: contactIdParams }, async ({ params, actor }) => ok(await rt.dataSubjectsFor(actor).erase(params.id)));

export const handler = createEraseContactHandler(contactsRuntime());
