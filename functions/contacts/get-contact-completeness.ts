import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';

/** Read from the running totals every contact write keeps: one item, whatever the workspace's size. */
export const createGetContactCompletenessHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'contactCompleteness', {}, async ({ actor }) => ok(await rt.contactsFor(actor).completeness()));

export const handler = createGetContactCompletenessHandler(runtime());
