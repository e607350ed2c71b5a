import { createHttpHandler, expectedVersion, noContent } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { fieldIdParams } from './field-http';

export const createDeleteFieldHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'deleteField', { params: fieldIdParams }, async ({ params, headers, actor }) => {
    await rt.fieldsFor(actor).delete(params.id, expectedVersion(headers['if-match']));
    return noContent();
  });

export const handler = createDeleteFieldHandler(runtime());
