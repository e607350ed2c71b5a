import { contactMergeParams, createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders } from './contact-http';

export const createUndoContactMergeHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'undoContactMerge', { params: contactMergeParams }, async ({ params, actor }) => {
    const undone = await rt.contactsFor(actor).undoMerge(params.id, params.mergeId);
    return ok(undone, contactHeaders(undone.contact));
  });

export const handler = createUndoContactMergeHandler(runtime());
