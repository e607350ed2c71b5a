import { createHttpHandler, ok } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { fieldHeaders, fieldIdParams } from './field-http';

export const createGetFieldHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'getField', { params: fieldIdParams }, async ({ params, actor }) => {
    const field = await rt.fieldsFor(actor).get(params.id);
    return ok(field, fieldHeaders(field));
  });

export const handler = createGetFieldHandler(runtime());
