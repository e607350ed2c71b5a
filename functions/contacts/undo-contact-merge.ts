import { ULID_PATTERN } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { z } from 'zod';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders, contactIdParams } from './contact-http';

const undoParams = contactIdParams.extend({ mergeId: z.string().regex(ULID_PATTERN, 'must be a merge id') });

export const createUndoContactMergeHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'undoContactMerge', { params: undoParams }, async ({ params, actor }) => {
    const undone = await rt.contactsFor(actor).undoMerge(params.id, params.mergeId);
    return ok(undone, contactHeaders(undone.contact));
  });

export const handler = createUndoContactMergeHandler(runtime());
