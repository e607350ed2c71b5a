import {
  COMPLETENESS_FIELDS,
  contactCreateSchema,
  contactMergeSchema,
  contactPatchSchema,
  emailSchema,
  EXPORT_FIELDS,
  EXPORT_FORMATS,
  LIFECYCLE_STAGES,
  MAX_DUPLICATE_CANDIDATES,
  segmentFields,
  ULID_PATTERN,
  type CompletenessField,
  type DuplicateReason,
} from '@rapport/domain';
import * as z from 'zod';
import { boundedItemsOf, contactIdParams, ETAG, ETAG_AND_LOCATION, noContentResponse, okWith, pageOf, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { contactRoutes } from '../../routes/contacts';

/** `{id}` and `{mergeId}` of undoing a merge into a contact. */
export const contactMergeParams = contactIdParams.extend({ mergeId: z.string().regex(ULID_PATTERN, 'must be a merge id') });

/** `?limit=&cursor=` (filtered by `lifecycleStage` and `tag`) or `?email=` of the contact list. */
export const contactListQuery = z.strictObject({
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
  /** Exact match, through the blind index (the email itself is stored encrypted). */
  email: emailSchema.optional(),
  lifecycleStage: segmentFields.lifecycleStage.optional(),
  /** Contacts carrying this tag. */
  tag: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters').optional(),
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

/** A record's custom field values by key: a string for text, date and select fields, else a number or boolean. */
export const customFieldValuesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('By field key (see GET /v1/fields); sensitive ones masked without pii:read');

/** Personal fields are in clear for callers with `pii:read`, masked (`j***@example.com`) otherwise. */
export const contactProfileSchema = z
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
    lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
    sourceChannel: z.string().optional(),
    region: z.string().optional(),
    customFields: customFieldValuesSchema.optional(),
    ...versioned,
  })
  .meta({ id: 'ContactProfile' });

/** A contact as the contact routes answer it: its profile and how complete it is. */
export const contactSchema = contactProfileSchema
  .extend({ completeness: z.int().min(0).max(100).describe('How complete the profile is, weighted by field (0–100)') })
  .meta({ id: 'Contact' });

const DUPLICATE_REASONS = ['same_email', 'same_phone', 'similar_name_and_company'] as const satisfies readonly DuplicateReason[];

/** Another contact that may be the same person. */
const duplicateCandidateSchema = z
  .object({
    contactId: z.string(),
    reasons: z.array(z.enum(DUPLICATE_REASONS)),
    score: z.number().min(0).max(1).describe('How likely the two are one person (0–1)'),
  })
  .meta({ id: 'DuplicateCandidate' });

const completenessReportSchema = z
  .object({
    average: z.number().min(0).max(100).describe("The contacts' average completeness, to one decimal"),
    contacts: z.int().min(0),
    byField: z
      .object(Object.fromEntries(COMPLETENESS_FIELDS.map((field) => [field, z.number().min(0).max(1)])) as Record<CompletenessField, z.ZodNumber>)
      .describe('The share (0–1) of contacts having each field'),
  })
  .meta({ id: 'ContactCompleteness' });

export const contactContracts = {
  createContact: {
    tag: 'contacts',
    request: { body: contactCreateSchema },
    responses: {
      201: {
        description: 'The contact, with its ETag and Location, and the existing contacts it may duplicate',
        body: contactSchema.extend({ duplicates: z.array(duplicateCandidateSchema).describe('Likeliest first; the contact is created anyway') }),
        headers: ETAG_AND_LOCATION,
      },
    },
  },
  listContacts: {
    tag: 'contacts',
    request: { query: contactListQuery },
    responses: okWith(pageOf(contactSchema), 'A page of contacts, oldest first, optionally of one lifecycle stage or tag (or those with the email)'),
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
  listContactDuplicates: {
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: okWith(boundedItemsOf(duplicateCandidateSchema, MAX_DUPLICATE_CANDIDATES), `At most ${MAX_DUPLICATE_CANDIDATES} contacts that may be the same person, likeliest first (not paged)`),
  },
  mergeContact: {
    tag: 'contacts',
    request: { params: contactIdParams, body: contactMergeSchema },
    responses: okWith(
      z.object({
        mergeId: z.string().describe('To undo the merge with'),
        sourceId: z.string().describe('The contact merged in, now gone'),
        undoUntil: z.iso.datetime(),
        contact: contactSchema,
      }),
      'The merged contact, with its new ETag',
      ETAG,
    ),
    errors: { 409: 'One of the contacts changed while they were merged (retry), or the contact merged away has deals (CONTACT_HAS_DEALS)' },
  },
  undoContactMerge: {
    tag: 'contacts',
    request: { params: contactMergeParams },
    responses: okWith(
      z.object({ contact: contactSchema.describe('Back to its profile before the merge'), source: contactSchema.describe('The merged-in contact, restored') }),
      "Both contacts as before the merge, with the target's new ETag",
      ETAG,
    ),
    errors: { 409: 'The contact changed since the merge: undoing would lose that change', 410: 'The merge was undone already, or its undo period is over' },
  },
  contactCompleteness: {
    tag: 'contacts',
    request: {},
    responses: okWith(completenessReportSchema, "The workspace's contact completeness"),
  },
} satisfies Record<keyof typeof contactRoutes, RouteContract>;

/** The contacts routes with their contracts, as the handlers are built from them. */
export const contactEndpoints = /* @__PURE__ */ endpointsOf(contactRoutes, contactContracts);
