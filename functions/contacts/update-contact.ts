import { contactPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders, contactIdParams } from './contact-http';

export const createUpdateContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateContact', { params: contactIdParams, body: contactPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const contact = await rt.contactsFor(actor).update(params.id, body, version);
    return ok(contact, contactHeaders(contact));
  });

export const handler = createUpdateContactHandler(runtime());
