import { ULID_PATTERN, type FieldDefinition } from '@rapport/domain';
import { etagOf } from '@rapport/http';
import { z } from 'zod';

/** The `{id}` path parameter of the field routes. */
export const fieldIdParams = z.object({ id: z.string().regex(ULID_PATTERN, 'must be a field id') });

/** A definition's ETag, so a client can send it back as `If-Match`. */
export const fieldHeaders = (field: FieldDefinition) => ({ etag: etagOf(field.version) });
