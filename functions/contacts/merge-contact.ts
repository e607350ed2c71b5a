import { contactMergeSchema } from '@rapport/domain';
import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { contactHeaders, contactIdParams } from './contact-http';

export const createMergeContactHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'mergeContact', { params: contactIdParams, body: contactMergeSchema }, async ({ params, body, actor }) => {
    const merge = await rt.contactsFor(actor).merge(params.id, body);
    return ok(merge, contactHeaders(merge.contact));
  });

export const handler = createMergeContactHandler(runtime());
