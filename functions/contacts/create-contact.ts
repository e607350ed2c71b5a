import { contactCreateSchema, normalisePhone, usePhoneParser } from '@rapport/domain';
import { contactEndpoints, created, createHttpHandler } from '@rapport/http';
import { contactsRuntime, type ContactsRuntime } from '../shared/runtime/contacts';
import { contactHeaders } from './contact-http';
import { sealedIdempotentRuntime } from '../shared/sealed-idempotency';

// This route takes a phone: its bundle holds the parser (see usePhoneParser).
usePhoneParser(normalisePhone);

export const createCreateContactHandler = (rt: ContactsRuntime) =>
  createHttpHandler(sealedIdempotentRuntime(rt), contactEndpoints.createContact, { body: contactCreateSchema }, async ({ body, actor }) => {
    const contact = await rt.contactsFor(actor).create(body);
    return created(contact, { ...contactHeaders(contact), location: `/v1/contacts/${contact.id}` });
  });

export const handler = createCreateContactHandler(contactsRuntime());
