import { fieldCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, fieldEndpoints } from '@rapport/http';
import { fieldsRuntime, type FieldsRuntime } from '../shared/runtime/fields';
import { fieldHeaders } from './field-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateFieldHandler = (rt: FieldsRuntime) =>
  createHttpHandler(idempotentRuntime(rt), fieldEndpoints.createField, { body: fieldCreateSchema }, async ({ body, actor }) => {
    const field = await rt.fieldsFor(actor).create(body);
    return created(field, { ...fieldHeaders(field), location: `/v1/fields/${field.id}` });
  });

export const handler = createCreateFieldHandler(fieldsRuntime());
