import type { FieldDefinition } from '@rapport/domain';
import { etagOf } from '@rapport/http';

/** The `{id}` path parameter of the field routes, from their contracts. */
export { fieldIdParams } from '@rapport/http';

/** A definition's ETag, so a client can send it back as `If-Match`. */
export const fieldHeaders = (field: FieldDefinition) => ({ etag: etagOf(field.version) });
