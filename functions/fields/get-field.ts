import { createHttpHandler, fieldEndpoints, ok } from '@rapport/http';
import { fieldsRuntime, type FieldsRuntime } from '../shared/runtime/fields';
import { fieldHeaders, fieldIdParams } from './field-http';

export const createGetFieldHandler = (rt: FieldsRuntime) =>
  createHttpHandler(rt, fieldEndpoints.getField, { params: fieldIdParams }, async ({ params, actor }) => {
    const field = await rt.fieldsFor(actor).get(params.id);
    return ok(field, fieldHeaders(field));
  });

export const handler = createGetFieldHandler(fieldsRuntime());
