import { contactEndpoints, contactMergeParams, createHttpHandler, ok } from '@rapport/http';
import { contactMergesRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactHeaders } from './contact-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

export const createUndoContactMergeHandler = (rt: ContactsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), contactEndpoints.undoContactMerge, { params: contactMergeParams }, async ({ params, actor }) => {
    const undone = await rt.contactsFor(actor).undoMerge(params.id, params.mergeId);
    return ok(undone, contactHeaders(undone.contact));
  });

export const handler = createUndoContactMergeHandler(contactMergesRuntime());
