import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactIdParams } from './contact-http';

export const createDeleteContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteContact', { params: contactIdParams }, async ({ params, headers, actor }) => {
    await rt.contactsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteContactHandler(runtime());
