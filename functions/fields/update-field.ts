import { fieldPatchSchema } from '@rapport/domain';
import { createHttpHandler, expectedVersion, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { fieldHeaders, fieldIdParams } from './field-http';

export const createUpdateFieldHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'updateField', { params: fieldIdParams, body: fieldPatchSchema }, async ({ params, body, headers, actor }) => {
    const version = expectedVersion(headers['if-match'], body.version);
    const field = await rt.fieldsFor(actor).update(params.id, body, version);
    return ok(field, fieldHeaders(field));
  });

export const handler = createUpdateFieldHandler(runtime());
