import { contactCreateSchema, contactPatchSchema, emailSchema, EXPORT_FIELDS, EXPORT_FORMATS, ULID_PATTERN } from '@rapport/domain';
import { z } from 'zod';
import { ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import type { RouteId } from '../../routes';

/** The `{id}` path parameter of the contact routes (and of a contact's records). */
export const contactIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a contact id') });

/** `?limit=&cursor=` or `?email=` of the contact list. */
export const contactListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  /** Exact match, through the blind index (the email itself is stored encrypted). */
  email: emailSchema.optional(),
});

/** `?format=csv|json` of an export (JSON means JSON Lines, one contact per line). */
export const contactExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { error: () => `must be one of ${EXPORT_FORMATS.join(', ')}` }).default('csv'),
});

const contactExportSchema = z
  .object({
    exportId: z.string(),
    format: z.enum(EXPORT_FORMATS),
    count: z.int().min(0).describe('Contacts in the file'),
    fields: z.array(z.enum(EXPORT_FIELDS)).describe('The columns (CSV) or keys (JSON Lines), in order'),
    personalData: z.enum(['clear', 'masked']).describe('Clear with pii:read, masked otherwise'),
    url: z.url().describe('Downloads the file until expiresAt (a presigned S3 link)'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ContactExport' });

/** Personal fields are in clear for callers with `pii:read`, masked (`j***@example.com`) otherwise. */
export const contactSchema = z
  .object({
    id: z.string(),
    firstName: z.string(),
    lastName: z.string().optional(),
    email: z.string().optional().describe('Masked without pii:read'),
    phone: z.string().optional().describe('Masked without pii:read'),
    company: z.string().optional(),
    title: z.string().optional(),
    tags: z.array(z.string()).optional(),
    address: z.string().optional().describe('Masked without pii:read'),
    birthday: z.string().optional().describe('YYYY-MM-DD; masked without pii:read'),
    notes: z.string().optional().describe('Masked without pii:read'),
    ownerId: z.string(),
    companyId: z.string().optional(),
    ...versioned,
  })
  .meta({ id: 'Contact' });

export const contactContracts = {
  createContact: {
    tag: 'contacts',
    request: { body: contactCreateSchema },
    responses: { 201: { description: 'The contact, with its ETag and Location', body: contactSchema, headers: ETAG_AND_LOCATION } },
  },
  listContacts: {
    tag: 'contacts',
    request: { query: contactListQuery },
    responses: okWith(pageOf(contactSchema), 'A page of contacts, oldest first (or those with the email)'),
  },
  exportContacts: {
    tag: 'contacts',
    request: { query: contactExportQuery },
    responses: okWith(contactExportSchema, 'The file is written; download it from `url` within 15 minutes'),
  },
  getContact: {
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: okWith(contactSchema, 'The contact, with its ETag', ETAG),
  },
  updateContact: {
    tag: 'contacts',
    request: { params: contactIdParams, body: contactPatchSchema },
    responses: okWith(contactSchema, 'The changed contact, with its new ETag', ETAG),
    errors: { 409: 'The contact changed since the version sent (If-Match or version)' },
  },
  deleteContact: {
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: { 204: noContentResponse },
    errors: { 409: 'The contact changed since the version sent in If-Match' },
  },
} satisfies Partial<Record<RouteId, RouteContract>>;
