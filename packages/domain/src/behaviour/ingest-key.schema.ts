import * as z from 'zod';

/** `POST /v1/ingest-keys`: a key's name says where it is used. On its own, so a browser can load it. */
export const ingestKeyCreateSchema = z.strictObject({ name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters') });
