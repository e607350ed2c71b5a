import { contactEndpoints, createHttpHandler, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';

/** Read from the running totals every contact write keeps: one item, whatever the workspace's size. */
export const createGetContactCompletenessHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.contactCompleteness, {}, async ({ actor }) => ok(await rt.contactsFor(actor).completeness()));

export const handler = createGetContactCompletenessHandler(contactsRuntime());
