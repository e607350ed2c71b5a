import { importCreateSchema } from '@rapport/domain';
import { created, createHttpHandler } from '@rapport/http';
import { runtime, type Runtime } from '../shared/runtime';
import { importView } from './import-http';

export const createCreateImportHandler = (rt: Runtime) =>
  createHttpHandler(rt, 'createImport', { body: importCreateSchema }, async ({ body, actor }) => {
    const { job, upload } = await rt.importsFor(actor).create(body);
    return created({ ...importView(job), upload }, { location: `/v1/imports/${job.id}` });
  });

export const handler = createCreateImportHandler(runtime());
