import { contactCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders } from './contact-http';

export const createCreateContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createContact', { body: contactCreateSchema }, async ({ body, actor }) => {
    const contact = await rt.contactsFor(actor).create(body);
    return created(contact, { ...contactHeaders(contact), location: `/v1/contacts/${contact.id}` });
  });

export const handler = createCreateContactHandler(runtime());
