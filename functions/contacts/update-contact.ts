import { contactPatchSchema, normalisePhone, usePhoneParser } from '@rapport/domain';
import { contactEndpoints, createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactHeaders, contactIdParams } from './contact-http';

// This route takes a phone: its bundle holds the parser (see usePhoneParser).
usePhoneParser(normalisePhone);

export const createUpdateContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(rt, contactEndpoints.updateContact, { params: contactIdParams, body: contactPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const contact = await rt.contactsFor(actor).update(params.id, body, version);
    return ok(contact, contactHeaders(contact));
  });

export const handler = createUpdateContactHandler(contactsRuntime());
