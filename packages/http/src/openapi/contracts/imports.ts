import { DUPLICATE_ROW_FIELDS, FUZZY_REASON, IMPORT_ENTITIES, IMPORT_STATUSES, importCreateSchema, importMappingSchema, ULID_PATTERN } from '@rapport/domain';
import * as z from 'zod';
import { okWith, versioned, type RouteContract } from '../contract';
import { endpointsOf } from '../../endpoint';
import { importRoutes } from '../../routes/imports';

/** The `{id}` path parameter of the import routes. */
export const importIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be an import id') });

const rowErrorSchema = z
  .object({ row: z.int().min(1).describe('1 = the first data row'), field: z.string(), message: z.string() })
  .describe('Never the value')
  .meta({ id: 'ImportRowError' });

const dryRunSchema = z
  .object({
    totalRows: z.int().min(0),
    valid: z.int().min(0),
    invalid: z.int().min(0),
    alreadyImported: z.int().min(0).describe('Valid rows an earlier import wrote: the import skips them'),
    errors: z.array(rowErrorSchema).describe('The first 100'),
    errorCount: z.int().min(0),
    duplicates: z
      .array(
        z.object({
          row: z.int().min(1),
          field: z.enum(DUPLICATE_ROW_FIELDS).describe('`email`/`phone`: the same value; `name`: a similar name at a similar company'),
          duplicateOfRow: z.int().min(1).optional().describe('The earlier row of the file with the same value…'),
          existingContactIds: z.array(z.string()).optional().describe('…or the existing contacts with it (a fuzzy match: the one candidate)'),
          reason: z.enum([FUZZY_REASON]).optional().describe('On fuzzy matches: the reason POST /v1/contacts names'),
          score: z.number().min(0).max(1).optional().describe('On fuzzy matches: how likely the two are one person (0–1), as POST /v1/contacts scores it'),
        }),
      )
      .describe('The first 100, by row. Duplicates only warn: the import creates these rows, for the user to merge afterwards'),
    duplicateCount: z.int().min(0),
  })
  .meta({ id: 'ImportDryRun' });

const mappingSchema = z.record(z.string(), z.string().nullable()).describe('Column header → field (null: the column is skipped)');

export const importJobSchema = z
  .object({
    id: z.string(),
    entity: z.enum(IMPORT_ENTITIES),
    fileName: z.string(),
    status: z.enum(IMPORT_STATUSES),
    headers: z.array(z.string()).optional().describe("The file's column headers, once it has been read"),
    mapping: mappingSchema.optional(),
    progress: z.object({
      processedRows: z.int().min(0),
      totalRows: z.int().min(0).nullable().describe('Known once a dry run or the import has read the whole file'),
      created: z.int().min(0),
      skipped: z.int().min(0).describe('Rows imported before: nothing is written twice'),
      failed: z.int().min(0),
    }),
    errors: z.array(rowErrorSchema).describe('The first 100 row errors'),
    errorCount: z.int().min(0),
    dryRun: dryRunSchema
      .optional()
      .describe('The dry run: growing while the import is `validating`, the full report once it is `validated`'),
    failure: z.string().optional().describe('Why the import stopped, when it failed'),
    createdBy: z.string(),
    ...versioned,
  })
  .meta({ id: 'Import' });

const LOCATION = { location: 'The path of the import' } as const;
const notReady = 'The import is not in a state that allows this (see `details`): upload, map or validate it first, or it has started';

export const importContracts = {
  createImport: {
    tag: 'imports',
    request: { body: importCreateSchema },
    responses: {
      201: {
        description: 'The import, waiting for its file: PUT the CSV to `upload.url` with `upload.headers`',
        body: importJobSchema.extend({
          upload: z.object({
            method: z.literal('PUT'),
            url: z.url().describe('A presigned link to upload the file to'),
            headers: z.record(z.string(), z.string()).describe('To send with the upload'),
            expiresAt: z.iso.datetime(),
          }),
        }),
        headers: LOCATION,
      },
    },
  },
  getImport: {
    tag: 'imports',
    request: { params: importIdParams },
    responses: okWith(importJobSchema, 'The import and its progress (only its creator sees it)'),
  },
  previewImport: {
    tag: 'imports',
    request: { params: importIdParams },
    responses: okWith(
      z.object({
        headers: z.array(z.string()),
        rows: z.array(z.array(z.string())).describe('The first 20 data rows, as in the file'),
        suggestedMapping: mappingSchema.describe('The mapping set, or one guessed from the headers'),
        fields: z.array(z.string()).describe('The fields a column may be mapped to'),
      }),
      "The file's headers, first rows and a suggested mapping",
    ),
    errors: { 409: 'The file has not been uploaded yet' },
  },
  mapImport: {
    tag: 'imports',
    request: { params: importIdParams, body: importMappingSchema },
    responses: okWith(importJobSchema, 'The import, mapped'),
    errors: { 409: notReady },
  },
  dryRunImport: {
    tag: 'imports',
    request: { params: importIdParams },
    responses: {
      202: {
        description: 'The dry run is validating every row as the import will, a chunk at a time (nothing written): follow it at Location until `validated`, then read `dryRun`',
        body: importJobSchema,
        headers: LOCATION,
      },
    },
    errors: { 409: notReady },
  },
  commitImport: {
    tag: 'imports',
    request: { params: importIdParams },
    responses: { 202: { description: 'The import is running: follow it at Location', body: importJobSchema, headers: LOCATION } },
    errors: { 409: notReady },
  },
} satisfies Record<keyof typeof importRoutes, RouteContract>;

/** The imports routes with their contracts, as the handlers are built from them. */
export const importEndpoints = /* @__PURE__ */ endpointsOf(importRoutes, importContracts);
