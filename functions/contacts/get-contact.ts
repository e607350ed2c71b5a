import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders, contactIdParams } from './contact-http';

export const createGetContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getContact', { params: contactIdParams }, async ({ params, actor }) => {
    const contact = await rt.contactsFor(actor).get(params.id);
    return ok(contact, contactHeaders(contact));
  });

export const handler = createGetContactHandler(runtime());
