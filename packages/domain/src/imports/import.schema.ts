import * as z from 'zod';
import { atMostEntries } from '../shared/bounded-map';
import { IMPORT_ENTITIES } from './import-job';

/** Columns one mapping may name: far more than any entity has fields (each fills one), with room for the ones skipped with null. */
export const MAX_MAPPED_COLUMNS = 500;

/** `POST /v1/imports`. */
export const importCreateSchema = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES, { error: () => `must be one of ${IMPORT_ENTITIES.join(', ')}` }),
  fileName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .regex(/\.csv$/i, 'must be a .csv file'),
});
export type ImportCreateInput = z.infer<typeof importCreateSchema>;

/** `PUT /v1/imports/{id}/mapping`: which field each column fills (null: ignore the column). Checked against the entity's fields by the service. */
export const importMappingSchema = z.strictObject({
  columns: atMostEntries(
    z.record(z.string().max(200, 'header must be at most 200 characters'), z.string().max(100).nullable()),
    MAX_MAPPED_COLUMNS,
    `must map at most ${MAX_MAPPED_COLUMNS} columns`,
  ).refine((columns) => Object.keys(columns).length > 0, 'must map at least one column'),
});
export type ImportMappingInput = z.infer<typeof importMappingSchema>;
