import { importCreateSchema } from '@rapport/domain';
import { created, createHttpHandler, importEndpoints } from '@rapport/http';
import { importsRuntime, type ImportsRuntime } from '../shared/runtime/imports';
import { importView } from './import-http';
import { idempotentRuntime } from '../shared/idempotency';

export const createCreateImportHandler = (rt: ImportsRuntime) =>
  createHttpHandler(idempotentRuntime(rt), importEndpoints.createImport, { body: importCreateSchema }, async ({ body, actor }) => {
    const { job, upload } = await rt.importsFor(actor).create(body);
    return created({ ...importView(job), upload }, { location: `/v1/imports/${job.id}` });
  });

export const handler = createCreateImportHandler(importsRuntime());
