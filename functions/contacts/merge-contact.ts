import { contactMergeSchema } from '@rapport/domain';
import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactMergesRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactHeaders, contactIdParams } from './contact-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createMergeContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), contactEndpoints.mergeContact, { params: contactIdParams, body: contactMergeSchema }, async ({ params, body, actor }) => {
    const merge = await rt.contactsFor(actor).merge(params.id, body);
    return ok(merge, contactHeaders(merge.contact));
  });

export const handler = createMergeContactHandler(contactMergesRuntime());
