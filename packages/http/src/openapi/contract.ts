import { ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import type { InputSchemas } from '../http-handler';

/** The areas of the API, one OpenAPI tag each. */
export const TAGS = {
  auth: 'Signup, login and invitations',
  me: 'The caller',
  contacts: 'Contacts and their personal data',
  companies: 'Companies (accounts)',
  fields: 'Custom fields of contacts and companies',
  customers: "A contact's orders, timeline, feedback and 360 view",
  access: 'Roles, permissions and users',
  tenant: 'The workspace: keys and offboarding',
  audit: 'The audit trail',
  behaviour: 'Behaviour events and ingest keys',
  imports: 'CSV imports of contacts, companies and orders',
  webhooks: 'Webhooks: domain events delivered to your endpoints, signed',
  system: 'The API itself',
  marketing: 'Segments and campaigns',
  analytics: 'The CRM numbers: satisfaction, conversion, retention, revenue and service times',
  sales: 'Sales: pipelines, deals, the forecast and lead conversion',
  tickets: 'Service tickets, SLA targets and satisfaction surveys',
  insights: 'Customer scores (RFM, churn risk) and recommendations',
  tasks: 'Tasks: follow-ups and visits due at a time, with reminders',
  privacy: "People's data requests: a person's copy of their data, and their erasure with a receipt",
} as const;
export type Tag = keyof typeof TAGS;

/** One documented answer of a route. */
export interface ResponseContract {
  description: string;
  /** The JSON body; absent for an empty one (204) or when `contentType` says it is not JSON. */
  body?: z.ZodType;
  /** Another media type than JSON: its body is documented as a string. */
  contentType?: string;
  /** Headers this answer always carries besides `x-request-id`, by lower-case name, with what they hold. */
  headers?: Record<string, string>;
}

/**
 * What a route promises, besides what the route table says: the schemas its handler validates
 * input with (the very objects, checked by `createHttpHandler`), its answers by status, and the
 * error statuses only it can give (the ones every route of its kind gives are derived).
 */
export interface RouteContract {
  tag: Tag;
  request: InputSchemas;
  responses: Record<number, ResponseContract>;
  /** Route-specific error statuses (409, 410…); 400/401/403/404/413/415/500/503 follow from the route. */
  errors?: Record<number, string>;
  /** The handler reads `If-Match` (an ETag it answered) and refuses a change made against another version. */
  ifMatch?: true;
}

/** `{ error: { code, message, details?, requestId } }`, the body of every 4xx and 5xx. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** A page of a list: the items and an opaque cursor for the next page, null at the end. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A whole list, unpaginated. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** A list answered whole, not paged: its bound is part of the contract (`maxItems`). */
export const boundedItemsOf = <T extends z.ZodType>(item: T, max: number) => z.object({ items: z.array(item).max(max) });

/** The fields every stored record carries. */
export const versioned = {
  version: z.int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

/** The headers of an answer with a record a client may change with `If-Match`. */
export const ETAG = { etag: 'The version, to send back as If-Match' } as const;
/** …and of one that created it. */
export const ETAG_AND_LOCATION = { ...ETAG, location: 'The path of the new record' } as const;

export const noContentResponse: ResponseContract = { description: 'Done; no body' };

/** A `{ body }` 200 answer. */
export const okWith = (body: z.ZodType, description: string, headers?: Record<string, string>): Record<number, ResponseContract> => ({
  200: { description, body, ...(headers ? { headers } : {}) },
});

/**
 * The `{id}` path parameter of the contact routes, and of a contact's records in other areas
 * (orders, deals, scores): here rather than in the contacts contracts, so those areas' handlers do
 * not hold the contacts area.
 */
export const contactIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a contact id') });
