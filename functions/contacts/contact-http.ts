import { ULID_PATTERN, type Contact } from '@rapport/domain';
import { etagOf } from '@rapport/http';
import { z } from 'zod';

/** The `{id}` path parameter of the contact routes. */
export const contactIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a contact id') });

/** A contact's ETag, so a client can send it back as `If-Match`. */
export const contactHeaders = (contact: Contact) => ({ etag: etagOf(contact.version) });
