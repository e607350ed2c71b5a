import { fieldPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, fieldEndpoints, ok } from '@rapport/http';
import { fieldsRuntime, type FieldsRuntime } from '../shared/runtime/fields';
import { fieldHeaders, fieldIdParams } from './field-http';

export const createUpdateFieldHandler = (rt: FieldsRuntime) =>
  createHttpHandler(rt, fieldEndpoints.updateField, { params: fieldIdParams, body: fieldPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const field = await rt.fieldsFor(actor).update(params.id, body, version);
    return ok(field, fieldHeaders(field));
  });

export const handler = createUpdateFieldHandler(fieldsRuntime());
