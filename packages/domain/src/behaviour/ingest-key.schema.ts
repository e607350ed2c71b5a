import * as z from 'zod';
import { text } from '../shared/text';

/** `POST /v1/ingest-keys`: a key's name says where it is used. On its own, so a browser can load it. */
export const ingestKeyCreateSchema = z.strictObject({ name: text(100, { emptyMessage: 'is required' }) });
