import { behaviourBatchSchema, ingestKeyCreateSchema, ULID_PATTERN, WORKSPACE_LIMITS } from '@rapport/domain';
import * as z from 'zod';
import { boundedItemsOf, noContentResponse, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { behaviourRoutes } from '../../routes/behaviour';

/** `{id}` of an ingest key. */
export const ingestKeyIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be an ingest key id') });

const ingestKeySchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime(), createdBy: z.string() })
  .meta({ id: 'IngestKey' });

export const behaviourContracts = {
  ingestEvents: {
    tag: 'behaviour',
    request: { body: behaviourBatchSchema },
    responses: {
      202: {
        description: 'What was counted',
        body: z.object({
          accepted: z.int().describe('Stored and counted now'),
          duplicates: z.int().describe('Sent before (same id), counted once already'),
          unmatched: z.int().describe('Not a contact of this workspace: counted here, not stored'),
        }),
      },
    },
  },
  eventsPreflight: {
    tag: 'behaviour',
    request: {},
    responses: { 204: { description: 'CORS preflight: the allowed origin, methods and headers' } },
  },
  createIngestKey: {
    tag: 'behaviour',
    request: { body: ingestKeyCreateSchema },
    responses: {
      201: {
        description: 'The key; its secret is shown only here',
        body: ingestKeySchema.extend({ secret: z.string().describe('Send as x-ingest-key; shown once') }),
      },
    },
    errors: { 409: `The workspace has ${WORKSPACE_LIMITS.ingestKeys} ingest keys already (code LIMIT_REACHED): revoke one first` },
  },
  listIngestKeys: {
    tag: 'behaviour',
    request: {},
    responses: { 200: { description: `The ingest keys, never their secrets, whole (not paged): at most ${WORKSPACE_LIMITS.ingestKeys}`, body: boundedItemsOf(ingestKeySchema, WORKSPACE_LIMITS.ingestKeys) } },
  },
  deleteIngestKey: {
    tag: 'behaviour',
    request: { params: ingestKeyIdParams },
    responses: { 204: noContentResponse },
  },
} satisfies Record<keyof typeof behaviourRoutes, RouteContract>;

/** The behaviour routes with their contracts, as the handlers are built from them. */
export const behaviourEndpoints = /* @__PURE__ */ endpointsOf(behaviourRoutes, behaviourContracts);
