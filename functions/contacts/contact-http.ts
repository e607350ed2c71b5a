import type { Contact } from '@rapport/domain';
import { etagOf } from '@rapport/http';

/** The `{id}` path parameter of the contact routes, from their contracts. */
export { contactIdParams } from '@rapport/http';

/** A contact's ETag, so a client can send it back as `If-Match`. */
export const contactHeaders = (contact: Contact) => ({ etag: etagOf(contact.version) });
