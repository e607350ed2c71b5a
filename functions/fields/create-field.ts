import { fieldCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { fieldHeaders } from './field-http';

export const createCreateFieldHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createField', { body: fieldCreateSchema }, async ({ body, actor }) => {
    const field = await rt.fieldsFor(actor).create(body);
    return created(field, { ...fieldHeaders(field), location: `/v1/fields/${field.id}` });
  });

export const handler = createCreateFieldHandler(runtime());
