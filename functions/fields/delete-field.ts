import { createHttpHandler, expectedVersion, fieldEndpoints, noContent } from '@rapport/http';
import { fieldsRuntime, type FieldsRuntime } from '../shared/runtime/fields';
import { fieldIdParams } from './field-http';

export const createDeleteFieldHandler = (rt: FieldsRuntime) =>
  createHttpHandler(rt, fieldEndpoints.deleteField, { params: fieldIdParams }, async ({ params, headers, actor }) => {
    await rt.fieldsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteFieldHandler(fieldsRuntime());
